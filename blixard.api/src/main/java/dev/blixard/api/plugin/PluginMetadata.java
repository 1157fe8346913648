package dev.blixard.api.plugin;

import java.util.Objects;

/**
 * Who a plugin is, for listings and the console.
 *
 * @param name a short unique name, for example {@code csv-aggregate}
 * @param version the plugin's version, for example its bundle version
 * @param vendor who ships it
 * @param description one sentence on what it does
 */
public record PluginMetadata(String name, String version, String vendor, String description) {

    public PluginMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a plugin needs a name");
        }
    }
}
