package dev.blixard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.osgi.framework.BundleException;

/**
 * {@code blixard run}: claims the data directory, boots the node, prints the banner and waits until the node
 * is stopped. Each step is its own class; this one only puts them in order and decides the exit status.
 */
final class RunCommand {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final RunOptions options;
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(RunOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the node until it stops.
     *
     * @return the exit status: 0 after a clean stop, 1 when the framework stopped on an error
     * @throws StartupException when the node cannot start; nothing keeps running then
     */
    @SuppressWarnings("try") // the lock is held for its scope, not called
    int execute() throws StartupException {
        Instant processStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        String version = LauncherVersion.get();
        NodeLog log = new NodeLog(err);
        GracefulShutdown shutdown = GracefulShutdown.install(STOP_TIMEOUT, log);
        DataDirectory dir = DataDirectory.prepare(options.dataDir());
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir.root(), dir.lockFile())) {
            HttpEndpoint http = new HttpEndpoint(options.bindAddress(), options.httpPort());
            http.ensureAvailable();
            SecureRandom random = new SecureRandom();
            String nodeId = NodeIdentity.resolve(dir.nodeIdFile(), options.nodeId(), random);
            AdminToken token = AdminToken.loadOrCreate(dir.adminTokenFile(), random);
            if (token.created()) {
                out.println("Created the admin token in " + token.file() + " (readable by you only)");
            }
            NodeFramework node = boot(dir, nodeId, version, token, random, log, shutdown);
            try {
                if (!http.awaitAnswer(HTTP_TIMEOUT, node::isStopRequested) && !node.isStopRequested()) {
                    throw new StartupException("the HTTP server did not come up on " + http.baseUrl()
                            + "; see " + dir.logsDir().resolve("blixard.log"));
                }
                NodeUrlFile.write(dir.httpUrlFile(), http.localUrl(), log);
                if (!node.isStopRequested()) {
                    Banner.print(out, version, nodeId, dir, http, token, Duration.between(processStart, Instant.now()));
                }
                return node.awaitTermination() ? Main.EXIT_OK : Main.EXIT_FAILURE;
            } catch (StartupException e) {
                stopAfterFailedStart(node);
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAfterFailedStart(node);
                throw new StartupException("interrupted");
            } catch (BundleException e) {
                stopAfterFailedStart(node);
                throw new StartupException("cannot restart the OSGi framework: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            // Only the lock's release can fail here; the node has stopped by then.
            err.println("blixard: could not release " + dir.lockFile() + ": " + e.getMessage());
            return Main.EXIT_OK;
        }
    }

    /** Creates and starts the framework with the runtime bundles, under the care of {@code shutdown}. */
    private NodeFramework boot(DataDirectory dir, String nodeId, String version, AdminToken token,
            SecureRandom random, NodeLog log, GracefulShutdown shutdown) throws StartupException {
        try (EmbeddedBundles bundles = EmbeddedBundles.openLauncherJar()) {
            String digest = bundles.digest();
            BundleCacheState cache = new BundleCacheState(dir.cacheDigestFile());
            boolean clean = cache.isStale(digest);
            if (clean) {
                cache.invalidate(); // a start that dies half-way must leave the next one cleaning again
            }
            LoggingDefaults.write(dir.loggingDefaultsFile(), dir.logsDir());
            Map<String, Object> properties = FrameworkProperties.of(dir, options, nodeId, version, clean,
                    WebConsolePassword.hash(token.value(), random), token.value(), log);
            NodeFramework node = NodeFramework.create(properties, log);
            shutdown.manage(node);
            try {
                int installed = node.start(bundles, options.withoutBundles(), START_TIMEOUT);
                if (node.isStopRequested()) {
                    return node; // stopped during boot: the cache may be incomplete, so it is not vouched for
                }
                cache.record(digest);
                log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.INFO, clean
                        ? "Built the bundle cache afresh (" + installed + " bundles installed from the launcher)"
                        : "Reused the bundle cache" + (installed > 0 ? " (" + installed + " bundles reinstalled)" : ""),
                        null);
            } catch (StartupException | IOException e) {
                stopAfterFailedStart(node);
                throw e instanceof StartupException se ? se
                        : new StartupException("cannot write " + dir.cacheDigestFile() + ": " + e.getMessage());
            }
            return node;
        } catch (IOException e) {
            throw new StartupException("cannot prepare the node: " + e.getMessage());
        }
    }

    private static void stopAfterFailedStart(NodeFramework node) {
        node.requestStop();
        try {
            node.awaitStopped(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
