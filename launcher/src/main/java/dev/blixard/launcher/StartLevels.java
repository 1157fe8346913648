package dev.blixard.launcher;

import java.util.Map;

/**
 * The start order of the runtime. Logging and Config Admin come up before everything else so that every
 * bundle logs through the configured pax-logging from its first message, and so that pax-logging finds
 * Config Admin when it seeds its default configuration (see {@link LoggingDefaults}). FileInstall, and the
 * user's configuration it reads from {@code etc/}, comes later and therefore wins over those defaults.
 *
 * <p>The HTTP server starts right after logging, before the application bundles: the node answers HTTP (and
 * the Web Console is reachable) while slower bundles, such as the replicated store, are still activating.
 */
final class StartLevels {

    /** The logging API (with its fallback logger) and Config Admin. */
    static final int FOUNDATION = 1;
    /** The pax-logging backend, which needs both of the above. */
    static final int LOGGING = 2;
    /** The HTTP server (Felix HTTP Jetty and the servlet API it needs). */
    static final int HTTP = 3;
    /** Everything else, including bundles deployed by FileInstall; the framework's beginning start level. */
    static final int RUNTIME = 4;

    private static final Map<String, Integer> LEVEL_BY_SYMBOLIC_NAME = Map.of(
            "org.ops4j.pax.logging.pax-logging-api", FOUNDATION,
            "org.apache.felix.configadmin", FOUNDATION,
            "org.ops4j.pax.logging.pax-logging-log4j2", LOGGING,
            "org.apache.felix.http.servlet-api", HTTP,
            "org.apache.felix.http.jetty12", HTTP);

    private StartLevels() {
    }

    static int of(String symbolicName) {
        return LEVEL_BY_SYMBOLIC_NAME.getOrDefault(symbolicName, RUNTIME);
    }
}
