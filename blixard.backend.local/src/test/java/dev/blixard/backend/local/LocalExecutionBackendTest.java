package dev.blixard.backend.local;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.testing.ConfigProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The local backend running real processes: success and failure, timeouts and cancels that leave no process
 * behind, output caps, the sandbox, limits, the allow-list, and stopping the backend mid-job.
 */
public class LocalExecutionBackendTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final List<LocalExecutionBackend> backends = new ArrayList<>();
    private Path dataDir;

    @Before
    public void dataDirectory() throws IOException {
        dataDir = folder.newFolder("data").toPath();
        // The sandbox drops to an unprivileged uid, which must be able to reach the work directories.
        Files.setPosixFilePermissions(folder.getRoot().toPath(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @After
    public void stopBackends() {
        backends.forEach(LocalExecutionBackend::deactivate);
    }

    @Test
    public void aCommandRunsAndItsOutputComesBack() throws Exception {
        LocalExecutionBackend backend = backend(Map.of());
        ExecutionStatus status = run(backend, "{\"command\": [\"sh\", \"-c\", \"echo hello; echo warning >&2; echo $GREETING\"],"
                + " \"env\": {\"GREETING\": \"hi there\"}}");
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertEquals(Optional.of(0), status.exitCode());
        assertEquals("hello\nhi there\n", status.stdout());
        assertEquals("warning\n", status.stderr());
        assertFalse(status.stdoutTruncated());
        assertEquals("the program run is sh as found on the PATH, links resolved",
                dev.blixard.backend.local.os.Executables.resolve("sh", NodeFacts.processSearchPath()).orElseThrow().toString(),
                JSON.readTree(status.output().orElseThrow()).path("program").asText());
    }

    @Test
    public void stdinAndAWorkingDirectoryInsideTheWorkDirectory() throws Exception {
        LocalExecutionBackend backend = backend(Map.of());
        ExecutionStatus status = run(backend, "{\"command\": [\"sh\", \"-c\", \"cat; pwd\"], \"stdin\": \"from stdin\\n\","
                + " \"cwd\": \"sub/dir\"}");
        String[] lines = status.stdout().split("\n");
        assertEquals("from stdin", lines[0]);
        assertTrue(lines[1], lines[1].startsWith(dataDir.resolve("work/local").toRealPath().toString()) && lines[1].endsWith("/sub/dir"));
        assertEquals("work directories are removed once the result is out", List.of(), workDirectories());
    }

    @Test
    public void aNonZeroExitFailsTheExecution() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), "{\"command\": [\"sh\", \"-c\", \"echo broken >&2; exit 3\"]}");
        assertEquals(ExecutionState.FAILED, status.state());
        assertEquals(Optional.of(3), status.exitCode());
        assertEquals("broken\n", status.stderr());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().contains("exited with code 3"));
    }

    @Test
    public void aTimeoutKillsTheWholeTreeIncludingAnEscapedDaemon() throws Exception {
        LocalExecutionBackend backend = backend(Map.of("kill_grace_ms", 500L));
        // A child, a grandchild in its own session whose parent is already gone (a daemon), and the shell itself.
        ExecutionHandle handle = submit(backend, "{\"timeout_ms\": 1500, \"command\": [\"sh\", \"-c\","
                + " \"sleep 300 & echo $!; (setsid sh -c 'sleep 300 & echo $!; wait' &); echo $$; wait\"]}");
        List<Long> pids = awaitPids(backend, handle, 3);
        ExecutionStatus status = await(backend, handle);
        assertEquals(ExecutionState.TIMED_OUT, status.state());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().contains("timed out after 1500 ms"));
        for (long pid : pids) {
            assertFalse("process " + pid + " outlived its job", Processes.running(pid));
        }
    }

    @Test
    public void cancelStopsTheJobPolitelyFirst() throws Exception {
        LocalExecutionBackend backend = backend(Map.of("kill_grace_ms", 5_000L));
        ExecutionHandle handle = submit(backend, "{\"command\": [\"sh\", \"-c\","
                + " \"trap 'echo got TERM; exit 143' TERM; echo $$; while :; do sleep 0.1; done\"]}");
        long pid = awaitPids(backend, handle, 1).get(0);
        long start = System.nanoTime();
        backend.cancel(handle);
        ExecutionStatus status = await(backend, handle);
        assertEquals(ExecutionState.CANCELLED, status.state());
        assertTrue("SIGTERM came first: " + status.stdout(), status.stdout().contains("got TERM"));
        assertTrue("ended well before the 5 s grace", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        assertFalse(Processes.running(pid));
    }

    @Test
    public void aJobIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        LocalExecutionBackend backend = backend(Map.of("kill_grace_ms", 300L));
        ExecutionHandle handle = submit(backend, "{\"command\": [\"sh\", \"-c\", \"trap '' TERM; echo $$; sleep 300 & wait; wait\"]}");
        long pid = awaitPids(backend, handle, 1).get(0);
        backend.cancel(handle);
        assertEquals(ExecutionState.CANCELLED, await(backend, handle).state());
        assertFalse(Processes.running(pid));
    }

    @Test
    public void outputBeyondTheCapIsTruncatedAndFlagged() throws Exception {
        ExecutionStatus status = run(backend(Map.of("output_max_bytes", 1000)),
                "{\"command\": [\"sh\", \"-c\", \"head -c 100000 /dev/zero | tr '\\\\0' a; echo END\"]}");
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertTrue(status.stdoutTruncated());
        assertTrue(status.stdout(), status.stdout().contains("bytes left out by the output cap"));
        assertTrue(status.stdout(), status.stdout().endsWith("aaaaEND\n"));
        assertTrue(status.stdout().length() < 1100);
    }

    @Test
    public void outputIsVisibleWhileTheJobRuns() throws Exception {
        LocalExecutionBackend backend = backend(Map.of());
        ExecutionHandle handle = submit(backend, "{\"command\": [\"sh\", \"-c\", \"echo first; sleep 300\"]}");
        Processes.await("the first line while running", WAIT, () -> status(backend, handle).stdout().equals("first\n"));
        assertEquals(ExecutionState.RUNNING, backend.status(handle).state());
        backend.cancel(handle);
        await(backend, handle);
    }

    @Test
    public void theSandboxHasNoNetworkAndOnlyItsWorkDirectoryIsWritable() throws Exception {
        LocalExecutionBackend backend = backend(Map.of());
        assertTrue("the sandbox must work on this machine (scripts/install-test-deps.sh installs bubblewrap): " + backend.health(),
                backend.health().health().details().get("isolation.sandbox").startsWith("available"));
        Files.writeString(dataDir.resolve("secret"), "node secret");
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String script = "echo written > $HOME/own && cat $HOME/own;"
                    + " (echo x > /etc/blixard-sandbox-test) 2>/dev/null || echo etc-refused;"
                    + " (echo x > /var/tmp/blixard-sandbox-escape) 2>/dev/null || echo outside-refused;"
                    + " echo x > " + folder.getRoot() + "/escaped;"
                    + " cat " + dataDir.resolve("secret") + " 2>/dev/null || echo data-hidden;"
                    + " perl -MIO::Socket::INET -e 'IO::Socket::INET->new(PeerAddr => \"127.0.0.1:" + server.getLocalPort()
                    + "\", Timeout => 2) or print \"no-network\\n\"';"
                    + " awk -F: 'NR > 2 { gsub(/ /, \"\", $1); print \"interface \" $1 }' /proc/net/dev; id -u";
            ExecutionStatus status = run(backend, JSON.writeValueAsString(Map.of("isolation", "sandbox",
                    "command", List.of("sh", "-c", script))));
            assertEquals(status.stderr(), ExecutionState.SUCCEEDED, status.state());
            List<String> lines = List.of(status.stdout().split("\n"));
            for (String expected : List.of("written", "etc-refused", "outside-refused", "data-hidden", "no-network", "interface lo")) {
                assertTrue(expected + " in " + lines, lines.contains(expected));
            }
            assertFalse("the sandbox's /tmp is its own", Files.exists(folder.getRoot().toPath().resolve("escaped")));
            assertFalse(Files.exists(Path.of("/var/tmp/blixard-sandbox-escape")));
            assertEquals("only the loopback interface: " + lines, 1, lines.stream().filter(line -> line.startsWith("interface ")).count());
            if (NodeFacts.ownUid() == 0) {
                assertEquals("an unprivileged uid", "65534", lines.get(lines.size() - 1));
            }
        }
    }

    @Test
    public void aCpuLimitStopsABusyLoop() throws Exception {
        long start = System.nanoTime();
        ExecutionStatus status = run(backend(Map.of()),
                "{\"limits\": {\"cpu_seconds\": 1}, \"command\": [\"sh\", \"-c\", \"while :; do :; done\"]}");
        assertEquals(ExecutionState.FAILED, status.state());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().contains("SIGXCPU")
                || status.error().orElseThrow().contains("SIGKILL"));
        assertTrue("stopped by the limit, long before the test's wait", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
        assertTrue("CPU time was measured: " + status.usage(), status.usage().cpuTimeMillis() >= 500);
    }

    @Test
    public void askingForMoreThanTheNodeHasIsRefusedBeforeAnythingRuns() throws Exception {
        LocalExecutionBackend backend = backend(Map.of());
        ExecutionException refused = refused(backend, "{\"limits\": {\"open_files\": 999999999999}, \"command\": [\"true\"]}");
        assertTrue(refused.getMessage(), refused.getMessage().contains("only lower"));
        assertEquals(List.of(), workDirectories());
    }

    @Test
    public void aCommandOutsideTheAllowListIsRefusedBeforeAnythingRuns() throws Exception {
        LocalExecutionBackend backend = backend(Map.of("any_command", "never", "allowed_commands", new String[] {"echo"}));
        ExecutionException refused = refused(backend, "{\"command\": [\"touch\", \"" + folder.getRoot() + "/ran\"]}");
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage(), refused.getMessage().contains("is not allowed on this node"));
        assertFalse(Files.exists(folder.getRoot().toPath().resolve("ran")));
        assertEquals(ExecutionState.SUCCEEDED, run(backend, "{\"command\": [\"echo\", \"allowed\"]}").state());
        assertTrue(refused(backend, "{\"command\": [\"no-such-program-here\"]}").getMessage().contains("not an executable file"));
    }

    @Test
    public void aClusterNodeRunsNothingUntilTheAllowListSaysSo() throws Exception {
        LocalExecutionBackend backend = backend(Map.of(), false);
        assertTrue(refused(backend, "{\"command\": [\"true\"]}").getMessage().contains("allow-list"));
    }

    @Test
    public void stoppingTheBackendMidJobEndsItRetryablyAndLeavesNothing() throws Exception {
        LocalExecutionBackend backend = backend(Map.of("kill_grace_ms", 500L));
        ExecutionHandle handle = submit(backend, "{\"command\": [\"sh\", \"-c\", \"sleep 300 & echo $!; echo $$; wait\"]}");
        List<Long> pids = awaitPids(backend, handle, 2);
        backend.deactivate();
        backends.remove(backend);
        ExecutionStatus status = backend.completion(handle).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertEquals(ExecutionState.CANCELLED, status.state());
        assertTrue(status.retryable());
        for (long pid : pids) {
            assertFalse("process " + pid + " outlived the backend", Processes.running(pid));
        }
        assertEquals(List.of(), workDirectories());
        assertTrue("threads left: " + Processes.threadsNamed("blixard-local-"), Processes.threadsNamed("blixard-local-").isEmpty());
    }

    @Test
    public void leftoverWorkDirectoriesOfACrashAreRemovedAtStart() throws Exception {
        Path leftover = Files.createDirectories(dataDir.resolve("work/local/crashed-execution/sub"));
        Files.writeString(leftover.resolve("file"), "left behind");
        backend(Map.of());
        assertEquals(List.of(), workDirectories());
    }

    @Test
    public void anUntypedJobIsOnlyTakenWhenItsPayloadIsALocalCommand() throws Exception {
        LocalExecutionBackend backend = backend(Map.of());
        ExecutionConfig config = config();
        assertTrue(backend.canHandle(job("{\"command\": [\"true\"]}", List.of()), config));
        assertFalse(backend.canHandle(job("{\"message\": \"for someone else\"}", List.of()), config));
        assertTrue("a local job with a bad payload is taken and failed with the reason",
                backend.canHandle(job("{\"message\": 1}", List.of("local")), config));
        assertFalse(backend.canHandle(job("{\"command\": [\"true\"]}", List.of("mock")), config));
    }

    private LocalExecutionBackend backend(Map<String, Object> settings) throws IOException {
        return backend(settings, true);
    }

    private LocalExecutionBackend backend(Map<String, Object> settings, boolean singleNode) throws IOException {
        Map<String, Object> all = new HashMap<>(settings);
        NodeFacts node = new NodeFacts("test", Optional.of(dataDir), singleNode, NodeFacts.processSearchPath(), NodeFacts.ownUid());
        LocalExecutionBackend backend = new LocalExecutionBackend(ConfigProxy.of(LocalBackendConfig.class, all), node, Clock.systemUTC());
        backends.add(backend);
        return backend;
    }

    private List<Path> workDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(dataDir.resolve("work/local"))) {
            return entries.toList();
        }
    }

    private static ExecutionStatus run(LocalExecutionBackend backend, String payload) throws Exception {
        return await(backend, submit(backend, payload));
    }

    private static ExecutionHandle submit(LocalExecutionBackend backend, String payload) throws ExecutionException {
        return backend.submit(job(payload, List.of("local")), config());
    }

    private static ExecutionException refused(LocalExecutionBackend backend, String payload) {
        try {
            ExecutionHandle handle = submit(backend, payload);
            fail("started " + handle + " for " + payload);
            return null;
        } catch (ExecutionException e) {
            return e;
        }
    }

    private static ExecutionStatus await(LocalExecutionBackend backend, ExecutionHandle handle) throws Exception {
        return backend.awaitCompletion(handle, WAIT);
    }

    private static ExecutionStatus status(LocalExecutionBackend backend, ExecutionHandle handle) {
        try {
            return backend.status(handle);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** The PIDs a job prints, one per line, once it has printed {@code count} of them. */
    private static List<Long> awaitPids(LocalExecutionBackend backend, ExecutionHandle handle, int count) throws InterruptedException {
        Processes.await(count + " PIDs printed", WAIT, () -> status(backend, handle).stdout().lines().count() >= count);
        return status(backend, handle).stdout().lines().limit(count).map(Long::parseLong).toList();
    }

    private static ExecutionConfig config() {
        return new ExecutionConfig(1, Duration.ofMinutes(5), Resources.NONE, Map.of("BLIXARD_JOB_ID", "job-1"));
    }

    private static Job job(String payload, List<String> workerTypes) {
        return Job.builder("job-" + System.nanoTime(),
                JobSubmission.builder(payload).workerTypes(workerTypes).build(), Instant.now()).build();
    }
}
