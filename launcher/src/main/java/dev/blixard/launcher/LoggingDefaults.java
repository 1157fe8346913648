package dev.blixard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The built-in logging setup: INFO and above, one concise line per event, to stdout and to
 * {@code logs/blixard.log} (rolled at 16 MB, five files kept).
 *
 * <p>pax-logging 2.2.7 reads an initial configuration from the file named by the framework property
 * {@code org.ops4j.pax.logging.property.file}, applies it and also stores it in Config Admin under its PID
 * {@code org.ops4j.pax.logging}, all while its bundle starts. FileInstall starts later (see {@link StartLevels})
 * and, when {@code etc/org.ops4j.pax.logging.cfg} exists, replaces that configuration with the user's, at every
 * start. The file is regenerated at each start; editing it has no lasting effect.
 */
final class LoggingDefaults {

    static final String PROPERTY_FILE = "org.ops4j.pax.logging.property.file";

    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %c{1.} - %msg%n%throwable";
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c - %msg%n%throwable";

    private static final String HEADER = "# Built-in logging defaults of blixard, rewritten at every start.\n"
            + "# To change logging, put your settings in etc/org.ops4j.pax.logging.cfg instead.\n";

    private LoggingDefaults() {
    }

    /** The pax-logging configuration (log4j2 properties under the {@code log4j2.} prefix). */
    static Properties properties(Path logsDir) {
        String logFile = logsDir.resolve("blixard.log").toString();
        Properties p = new Properties();
        p.setProperty("log4j2.appender.console.type", "Console");
        p.setProperty("log4j2.appender.console.name", "console");
        p.setProperty("log4j2.appender.console.layout.type", "PatternLayout");
        p.setProperty("log4j2.appender.console.layout.pattern", CONSOLE_PATTERN);

        p.setProperty("log4j2.appender.file.type", "RollingFile");
        p.setProperty("log4j2.appender.file.name", "file");
        p.setProperty("log4j2.appender.file.fileName", logFile);
        p.setProperty("log4j2.appender.file.filePattern", logsDir.resolve("blixard-%i.log.gz").toString());
        p.setProperty("log4j2.appender.file.layout.type", "PatternLayout");
        p.setProperty("log4j2.appender.file.layout.pattern", FILE_PATTERN);
        p.setProperty("log4j2.appender.file.policies.type", "Policies");
        p.setProperty("log4j2.appender.file.policies.size.type", "SizeBasedTriggeringPolicy");
        p.setProperty("log4j2.appender.file.policies.size.size", "16MB");
        p.setProperty("log4j2.appender.file.strategy.type", "DefaultRolloverStrategy");
        p.setProperty("log4j2.appender.file.strategy.max", "5");

        p.setProperty("log4j2.rootLogger.level", "INFO");
        p.setProperty("log4j2.rootLogger.appenderRef.console.ref", "console");
        p.setProperty("log4j2.rootLogger.appenderRef.file.ref", "file");

        // Chatty libraries: Jetty reports every connector and context it starts, Ratis prints each of its settings
        // and every election step, pax-logging announces each reconfiguration, all at INFO. Their warnings and
        // errors still show.
        quiet(p, "jetty", "org.eclipse.jetty");
        quiet(p, "ratis", "org.apache.ratis");
        quiet(p, "paxlogging", "org.ops4j.pax.logging");
        // Apache HttpClient (inside the docker backend) logs each automatic retry of a failed connection at INFO;
        // the backend reports the engine's state itself.
        quiet(p, "httpretry", "org.apache.hc.client5.http.impl.classic.HttpRequestRetryExec");
        return p;
    }

    private static void quiet(Properties p, String id, String loggerName) {
        p.setProperty("log4j2.logger." + id + ".name", loggerName);
        p.setProperty("log4j2.logger." + id + ".level", "WARN");
    }

    /** Writes the defaults for this data directory, leaving the file untouched when it is already current. */
    static void write(Path file, Path logsDir) throws IOException {
        // Written by hand rather than with Properties.store(), which stamps the date (an unchanged setup would
        // give a changed file) and loads the date-formatting machinery on the start path. Sorted for reading.
        StringBuilder content = new StringBuilder(HEADER);
        for (Map.Entry<Object, Object> entry : new TreeMap<>(properties(logsDir)).entrySet()) {
            content.append(entry.getKey()).append(" = ").append(escape(entry.getValue().toString())).append('\n');
        }
        String text = content.toString();
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.ISO_8859_1).equals(text)) {
            return;
        }
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    }

    /** Escapes a value for a properties file: backslashes (Windows paths) and anything outside printable ASCII. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
