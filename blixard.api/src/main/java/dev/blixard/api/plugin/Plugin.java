package dev.blixard.api.plugin;

import dev.blixard.api.Health;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every plugin says about itself. Life-cycle is the OSGi component's: activation initialises,
 * deactivation shuts down.
 */
@ConsumerType
public interface Plugin {

    /** @return name, version, vendor and description */
    PluginMetadata metadata();

    /** @return whether the plugin works now; by default it does */
    default Health health() {
        return Health.up("ok");
    }
}
