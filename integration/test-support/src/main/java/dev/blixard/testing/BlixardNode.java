package dev.blixard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real node for tests: {@code java -jar blixard.jar run} (the jar named by system property
 * {@code blixard.jar}) with a fresh data directory under {@link WorkDirs#ROOT}{@code /NAME/}, on a free port,
 * started and ready (HTTP answers, {@code GET /api/health} is 200). {@link #close()} stops it: SIGTERM, then
 * SIGKILL. Tests print {@link #describe()} (everything the node printed) when they fail.
 */
public final class BlixardNode implements AutoCloseable {

    /** The address nodes listen on unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /** How long a node may take until its REST API reports it ready. */
    public static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final NodeProcess process;
    private final Path dataDir;
    private final String baseUrl;
    private final String adminToken;
    private final NodeApi api;

    private BlixardNode(NodeProcess process, Path dataDir, String baseUrl, String adminToken) {
        this.process = process;
        this.dataDir = dataDir;
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.api = new NodeApi(baseUrl, adminToken);
    }

    /**
     * Starts a node in {@code ROOT/NAME/} (emptied first) and waits until it is ready.
     *
     * @param runOptions more options of {@code blixard run}, for example {@code --without blixard.backend.wasm}
     */
    public static BlixardNode start(String name, String... runOptions) throws IOException, InterruptedException {
        BlixardNode node = launch(WorkDirs.fresh(name), NodeProcess.freePort(), runOptions);
        try {
            node.awaitReady();
            return node;
        } catch (InterruptedException | RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    /**
     * Starts a node in {@code dir} as it is (its data directory {@code dir/data} is kept, so a node restarted
     * this way recovers its state) and returns once HTTP answers, without waiting for it to be ready: a
     * cluster member is ready only once a quorum runs. Its output goes to new files under {@code dir/logs}.
     *
     * @param runOptions more options of {@code blixard run}, for example {@code --node-id n1 --peers ...}
     */
    public static BlixardNode launch(Path dir, int httpPort, String... runOptions) throws IOException, InterruptedException {
        return launch(dir, LOOPBACK, httpPort, List.of(), runOptions);
    }

    /**
     * As {@link #launch(Path, int, String...)}, with HTTP on {@code host} ({@code --bind}) and the JVM started
     * through {@code commandPrefix} (see {@link NodeProcess#start(Path, List, String...)}): a node in a network
     * namespace of its own, say, reached at its address there.
     */
    public static BlixardNode launch(Path dir, String host, int httpPort, List<String> commandPrefix,
            String... runOptions) throws IOException, InterruptedException {
        Path dataDir = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("run", "--data-dir", dataDir.toString(), "--http-port",
                Integer.toString(httpPort)));
        if (!host.equals(LOOPBACK)) {
            args.addAll(List.of("--bind", host));
        }
        args.addAll(List.of(runOptions));
        NodeProcess process = NodeProcess.start(dir.resolve("logs"), commandPrefix, args.toArray(String[]::new));
        try {
            String baseUrl = "http://" + host + ":" + httpPort;
            process.awaitBanner();
            process.awaitHttp(baseUrl + "/api/health");
            String token = Files.readString(dataDir.resolve("admin.token"), StandardCharsets.US_ASCII).trim();
            return new BlixardNode(process, dataDir, baseUrl, token);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /** Waits until {@code GET /api/health} answers 200 with the node's own admin token. */
    public void awaitReady() throws InterruptedException {
        await("a ready node (GET /api/health 200)", READY_DEADLINE, () -> {
            try {
                return api.statusOf("GET", "/api/health", null) == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** @return for example {@code http://127.0.0.1:40123} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return {@link #baseUrl()} followed by {@code path}, which starts with a slash */
    public String url(String path) {
        return baseUrl + path;
    }

    /** @return the node's admin token, as it wrote it to {@code DIR/admin.token} */
    public String adminToken() {
        return adminToken;
    }

    /** @return {@code admin:TOKEN}, the Web Console's HTTP Basic credentials */
    public String consoleCredentials() {
        return "admin:" + adminToken;
    }

    /** @return the node's data directory */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the REST API as the admin */
    public NodeApi api() {
        return api;
    }

    /**
     * Polls {@code condition} every 100 ms until it holds. Fails with the node's output at the deadline, or
     * at once if the node died.
     */
    public void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        process.await(what, deadline, condition);
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value, and returns that value. A probe that throws
     * counts as "not yet"; fails as {@link #await} does.
     */
    public <T> T poll(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();
        try {
            process.await(what, deadline, () -> {
                try {
                    T value = probe.get();
                    last.set(value);
                    return done.test(value);
                } catch (RuntimeException e) {
                    lastFailure.set(e);
                    return false;
                }
            });
        } catch (AssertionError e) {
            AssertionError failure = new AssertionError(e.getMessage() + "\nlast value seen: " + last.get());
            if (lastFailure.get() != null) {
                failure.addSuppressed(lastFailure.get());
            }
            throw failure;
        }
        return last.get();
    }

    /** @return the command and everything the node printed so far, for failure reports */
    public String describe() {
        return process.describe();
    }

    /** @return the operating system's id of the node's process (the JVM itself, or the command prefix's process) */
    public long pid() {
        return process.process().pid();
    }

    /** @return whether the node's process still runs */
    public boolean isAlive() {
        return process.process().isAlive();
    }

    /** Kills the node at once (SIGKILL, as {@code kill -9}: nothing is flushed or closed) and waits for its end. */
    public void kill() throws InterruptedException {
        process.process().destroyForcibly();
        if (!process.process().waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the node did not die within 10 s of SIGKILL\n" + describe());
        }
    }

    /** Stops the node: SIGTERM, then SIGKILL if it has not exited within 15 s. */
    @Override
    public void close() {
        process.close();
    }
}
