package dev.blixard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@code blixard} process started from the packaged jar, for the integration tests (the launcher's and the
 * browser tests). Its stdout and stderr go to files (printed when a test fails). Every wait polls against a
 * deadline; a missed deadline or a dead process fails the test with an {@link AssertionError} that carries
 * the process's output.
 */
public final class NodeProcess implements AutoCloseable {

    /** The launcher jar: system property {@code blixard.jar}, else {@code target/blixard.jar}. */
    public static final Path JAR = Path.of(System.getProperty("blixard.jar", "target/blixard.jar")).toAbsolutePath();
    /** How long a node may take to start. */
    public static final Duration START_DEADLINE = Duration.ofSeconds(45);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<String> args;

    private NodeProcess(Process process, Path stdout, Path stderr, List<String> args) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.args = args;
    }

    /** Starts {@code java -jar blixard.jar ARGS}, logging into {@code logDir}. */
    public static NodeProcess start(Path logDir, String... args) throws IOException {
        return start(logDir, List.of(), args);
    }

    /**
     * Starts {@code PREFIX java -jar blixard.jar ARGS}, logging into {@code logDir}.
     *
     * @param commandPrefix what runs the JVM, for example {@code ip netns exec NS} to start it in a network
     *        namespace; it must end by exec'ing the JVM, so that stopping this process stops the node. Empty: none.
     */
    public static NodeProcess start(Path logDir, List<String> commandPrefix, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("no launcher jar at " + JAR + "; the integration tests run after 'package'");
        }
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of(javaExecutable(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "stdout-", ".log");
        Path err = Files.createTempFile(logDir, "stderr-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new NodeProcess(process, out, err, command);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return a TCP port that was free a moment ago */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** @return the operating system process */
    public Process process() {
        return process;
    }

    /** @return everything the process wrote to standard output so far */
    public String stdout() {
        return read(stdout);
    }

    /** @return everything the process wrote to standard error so far */
    public String stderr() {
        return read(stderr);
    }

    /** Everything the process printed, for failure messages. */
    public String describe() {
        return "command: " + String.join(" ", args) + "\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    /** Waits until the node prints its banner, i.e. the framework has started and HTTP answers. */
    public void awaitBanner() throws InterruptedException {
        await("the start banner", START_DEADLINE, () -> stdout().contains("  admin token  "));
    }

    /** Waits until {@code url} answers HTTP with any status. */
    public void awaitHttp(String url) throws InterruptedException {
        await("an HTTP answer from " + url, START_DEADLINE, () -> {
            try {
                get(url, null);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Polls {@code condition} until it holds; fails (with the process output) at the deadline or if the node died. */
    public void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited (" + process.exitValue() + ") while waiting for " + what
                        + "\n" + describe());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " within " + deadline.toSeconds() + " s\n" + describe());
            }
            Thread.sleep(100);
        }
    }

    /** Waits for the process to exit by itself; fails at the deadline. */
    public int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not exit within " + deadline.toSeconds() + " s\n" + describe());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM ({@link Process#destroy()} on Unix). */
    public void terminate() {
        process.destroy();
    }

    /** Stops the process if it still runs: SIGTERM, then SIGKILL as a last resort. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A plain GET.
     *
     * @param credentials {@code user:password} for HTTP Basic, or {@code null} for none
     */
    public static HttpResponse<String> get(String url, String credentials) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
