package dev.blixard.examples.csv;

import dev.blixard.api.plugin.PluginMetadata;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Builds the {@link PluginMetadata} of this bundle's components, with the bundle's own version. */
final class PluginInfo {
    static final String VENDOR = "Blixard examples";
    /** The version shown when the classes run outside OSGi, as in unit tests. */
    static final String UNBUNDLED = "0.0.0.unbundled";

    private PluginInfo() {
    }

    /** @param component the component class, whose bundle's version is reported */
    static PluginMetadata metadata(Class<?> component, String name, String description) {
        Bundle bundle = FrameworkUtil.getBundle(component);
        String version = bundle == null ? UNBUNDLED : bundle.getVersion().toString();
        return new PluginMetadata(name, version, VENDOR, description);
    }
}
