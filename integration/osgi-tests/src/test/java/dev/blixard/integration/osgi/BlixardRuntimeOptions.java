package dev.blixard.integration.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * Builds the Pax Exam options that boot a Blixard node: the exact bundle set the launcher ships, in
 * the launcher's start order, with the framework properties a node is started with.
 *
 * <p>Runs on the driver side (in {@code @Configuration}), before the framework exists; the path
 * helpers are also used inside the framework, where the same system properties are visible.
 */
final class BlixardRuntimeOptions {

    /** Directory of the launcher's exported runtime set, set by Surefire. */
    static final String RUNTIME_DIR_PROPERTY = "blixard.runtime.dir";
    /** The test plugin bundle file, set by Surefire. */
    static final String TEST_PLUGIN_JAR_PROPERTY = "blixard.testplugin.jar";
    /** Scratch directory for the nodes' state, set by Surefire. */
    static final String WORK_DIR_PROPERTY = "blixard.it.workdir";

    /** Framework property read by Felix HTTP for the listening port. */
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    /** Framework property read by Felix HTTP for the listening address. */
    static final String HTTP_HOST_PROPERTY = "org.apache.felix.http.host";
    static final String HTTP_HOST = "127.0.0.1";

    /*
     * The launcher's start levels (launcher StartLevels): logging API and Config Admin first, then the
     * log4j2 backend, then everything else, including bundles installed later. They fit around Pax
     * Exam's own levels: its helper bundles start at 2, the test probe at 5.
     */
    private static final int FOUNDATION_LEVEL = 1;
    private static final int LOGGING_LEVEL = 2;
    private static final int RUNTIME_LEVEL = 3;
    private static final Map<String, Integer> START_LEVELS = Map.of(
            "org.ops4j.pax.logging.pax-logging-api", FOUNDATION_LEVEL,
            "org.apache.felix.configadmin", FOUNDATION_LEVEL,
            "org.ops4j.pax.logging.pax-logging-log4j2", LOGGING_LEVEL);

    private BlixardRuntimeOptions() {
    }

    /**
     * All options of a test node.
     *
     * @param name the node's name, used for its scratch directory (the test class name)
     */
    static Option node(String name) {
        // A fresh node: no configuration, data or deployed file left from an earlier run.
        Path work = emptyDirectory(requiredPath(WORK_DIR_PROPERTY).resolve(name));
        Path logs = directory(work.resolve("logs"));
        return composite(
                paxExamSupport(),
                nodeProperties(name, work),
                loggingProperties(work.resolve("logging.properties"), logs),
                runtimeBundles());
    }

    /** Pax Exam's own bundles (probe invoker, injection, JUnit), fetched offline from the local repository. */
    private static Option paxExamSupport() {
        return composite(
                // Surefire points pax-url at the local repository only; no remote one either.
                systemProperty("org.ops4j.pax.url.mvn.repositories").value(""),
                cleanCaches(),
                junitBundles());
    }

    /** The framework properties the launcher sets that the runtime reads (launcher FrameworkProperties). */
    private static Option nodeProperties(String name, Path work) {
        return composite(
                frameworkProperty("felix.startlevel.bundle").value(Integer.toString(RUNTIME_LEVEL)),
                frameworkProperty(HTTP_HOST_PROPERTY).value(HTTP_HOST),
                frameworkProperty(HTTP_PORT_PROPERTY).value(Integer.toString(freePort())),
                // A framework storage of each test class's own, as the launcher's DATA_DIR/cache: bundles' native
                // libraries are extracted there, and a library still loaded by an earlier framework in this JVM
                // cannot be loaded again from the same path (Pax Exam's default storage is one path per JVM).
                frameworkProperty("org.osgi.framework.storage").value(directory(work.resolve("cache")).toString()),
                frameworkProperty("org.osgi.framework.storage.clean").value("onFirstInit"),
                frameworkProperty("felix.cm.dir").value(directory(work.resolve("config")).toString()),
                frameworkProperty("felix.fileinstall.dir").value(directory(work.resolve("deploy")).toString()),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.bundles.new.start").value("true"),
                frameworkProperty("blixard.node.id").value("it-" + name),
                frameworkProperty("blixard.data.dir").value(work.toString()),
                frameworkProperty("blixard.logs.dir").value(work.resolve("logs").toString()));
    }

    /**
     * Node logging: warnings to the console (Surefire keeps it in the test's output file), everything
     * from INFO up in the node's {@code logs/blixard.log}.
     */
    private static Option loggingProperties(Path file, Path logs) {
        Properties p = new Properties();
        p.setProperty("log4j2.appender.console.type", "Console");
        p.setProperty("log4j2.appender.console.name", "console");
        p.setProperty("log4j2.appender.console.layout.type", "PatternLayout");
        p.setProperty("log4j2.appender.console.layout.pattern", "%d{HH:mm:ss.SSS} %-5level %c{1.} - %msg%n%throwable");
        p.setProperty("log4j2.appender.console.filter.threshold.type", "ThresholdFilter");
        p.setProperty("log4j2.appender.console.filter.threshold.level", "WARN");
        p.setProperty("log4j2.appender.file.type", "File");
        p.setProperty("log4j2.appender.file.name", "file");
        p.setProperty("log4j2.appender.file.fileName", logs.resolve("blixard.log").toString());
        p.setProperty("log4j2.appender.file.layout.type", "PatternLayout");
        p.setProperty("log4j2.appender.file.layout.pattern",
                "%d{HH:mm:ss.SSS} %-5level [%t] %c - %msg%n%throwable");
        p.setProperty("log4j2.rootLogger.level", "INFO");
        p.setProperty("log4j2.rootLogger.appenderRef.console.ref", "console");
        p.setProperty("log4j2.rootLogger.appenderRef.file.ref", "file");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "Logging of an integration test node");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return composite(
                frameworkProperty("org.ops4j.pax.logging.property.file").value(file.toString()),
                // pax-logging's fallback logger, used until its log4j2 backend runs.
                frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
    }

    /**
     * One provisioning option per jar of the launcher's exported runtime set, by file URL (the jars
     * the launcher ships, never whatever is in the local Maven repository), at the launcher's start
     * levels.
     */
    static Option runtimeBundles() {
        List<Option> options = new ArrayList<>();
        for (Path jar : runtimeJars()) {
            Attributes manifest = mainAttributes(jar);
            String symbolicName = symbolicName(manifest);
            UrlProvisionOption option = bundle(jar.toUri().toString())
                    .startLevel(START_LEVELS.getOrDefault(symbolicName, RUNTIME_LEVEL));
            // A fragment cannot be started; it is resolved with its host.
            options.add(manifest.getValue("Fragment-Host") != null ? option.noStart() : option);
        }
        return composite(options.toArray(new Option[0]));
    }

    /** The jars of the runtime set, in a stable order. Fails clearly when the launcher was not built. */
    static List<Path> runtimeJars() {
        Path dir = requiredPath(RUNTIME_DIR_PROPERTY);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Runtime bundle directory " + dir + " does not exist: build the "
                    + "launcher first (mvn -B install -DskipTests -pl launcher -am)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalStateException("Runtime bundle directory " + dir + " holds no jar");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /**
     * The jar of the runtime set whose {@code Bundle-SymbolicName} is {@code symbolicName}, for a test
     * that uninstalls a runtime bundle and installs it again from the file the launcher ships. Fails
     * clearly when the runtime set has no such bundle.
     */
    static Path runtimeJar(String symbolicName) {
        return runtimeJars().stream()
                .filter(jar -> symbolicName.equals(symbolicName(mainAttributes(jar))))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The runtime set in "
                        + requiredPath(RUNTIME_DIR_PROPERTY) + " has no bundle " + symbolicName));
    }

    /** The test plugin bundle file. Fails clearly when it was not built. */
    static File testPluginJar() {
        Path jar = requiredPath(TEST_PLUGIN_JAR_PROPERTY);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Test plugin bundle " + jar + " does not exist: build "
                    + "integration/test-plugin first");
        }
        return jar.toFile();
    }

    static Path requiredPath(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set (Surefire sets it; "
                    + "run the tests through Maven)");
        }
        return Paths.get(value).toAbsolutePath().normalize();
    }

    private static Attributes mainAttributes(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                throw new IllegalStateException(jar + " has no manifest: not a bundle");
            }
            return file.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }

    /** Bundle-SymbolicName without its directives. */
    private static String symbolicName(Attributes manifest) {
        String value = manifest.getValue("Bundle-SymbolicName");
        return value == null ? "" : value.split(";", 2)[0].trim();
    }

    private static Path emptyDirectory(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot empty " + dir, e);
            }
        }
        return directory(dir);
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    /** A port nobody listens on now (the small window before Jetty binds it is accepted). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HTTP_HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HTTP_HOST, e);
        }
    }
}
