package dev.blixard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Blixard, as stamped into {@code version.properties} by the build. */
final class LauncherVersion {

    private LauncherVersion() {
    }

    static String get() {
        try (InputStream in = LauncherVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
