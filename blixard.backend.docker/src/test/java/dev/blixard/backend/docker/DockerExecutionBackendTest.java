package dev.blixard.backend.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.blixard.api.HealthState;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.testing.ConfigProxy;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The docker backend against a real engine (scripts/test-dockerd.sh) and the busybox test image: output,
 * exit codes, the OOM flag, timeout, cancel and stopping the backend that leave no container behind, network
 * none by default, crash leftovers removed on activation, an unreachable engine, the mount allow-list, a
 * missing image and bad payloads.
 */
public class DockerExecutionBackendTest {

    @ClassRule
    public static final TestEngine ENGINE = new TestEngine();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final List<DockerExecutionBackend> backends = new ArrayList<>();
    /** Each test's backends label their containers with a node id of their own, so tests cannot see each other's. */
    private final String nodeId = "test-" + UUID.randomUUID();

    @After
    public void stopBackends() {
        backends.forEach(DockerExecutionBackend::deactivate);
        assertEquals("containers left on the engine by this test's backends", List.of(), containerIds(nodeLabel()));
    }

    @Test
    public void aContainerRunsAndItsOutputComesBackAsTwoStreams() throws Exception {
        DockerExecutionBackend backend = backend(Map.of());
        ExecutionHandle handle = submit(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"sh\", \"-c\","
                + " \"echo hello; echo warning >&2; echo $GREETING; echo job $BLIXARD_JOB_ID; pwd; id -u\"],"
                + " \"env\": {\"GREETING\": \"hi there\"}, \"workdir\": \"/tmp\", \"user\": \"65534\"}");
        ExecutionStatus status = backend.awaitCompletion(handle, WAIT);
        assertEquals(status.toString(), ExecutionState.SUCCEEDED, status.state());
        assertEquals(Optional.of(0), status.exitCode());
        assertEquals("hello\nhi there\njob " + handle.jobId() + "\n/tmp\n65534\n", status.stdout());
        assertEquals("warning\n", status.stderr());
        assertFalse(status.stdoutTruncated());
        assertTrue(status.duration().isPresent());
        JsonNode output = JSON.readTree(status.output().orElseThrow());
        assertFalse(output.toString(), output.path("oom_killed").asBoolean(true));
        assertEquals("none", output.path("network").asText());
        assertEquals(256, output.path("limits").path("memory_mb").asLong());
        assertEquals("the container is removed once the result is out", List.of(),
                containerIds(Map.of(DockerEngine.LABEL_EXECUTION, handle.executionId())));
    }

    @Test
    public void aNonZeroExitFailsTheJobAndNamesTheCode() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), "{\"image\": \"" + TestEngine.IMAGE + "\","
                + " \"entrypoint\": [\"sh\", \"-c\"], \"cmd\": [\"echo broken >&2; exit 3\"]}");
        assertEquals(ExecutionState.FAILED, status.state());
        assertEquals(Optional.of(3), status.exitCode());
        assertEquals("broken\n", status.stderr());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().contains("exited with code 3"));
        assertFalse(status.retryable());
    }

    @Test
    public void outputBeyondTheCapIsCutInTheMiddleAndFlagged() throws Exception {
        DockerExecutionBackend backend = backend(Map.of("output_max_bytes", 1000));
        ExecutionStatus status = run(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"sh\", \"-c\","
                + " \"echo first; head -c 100000 /dev/zero | tr '\\\\0' x; echo; echo last\"]}");
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertTrue(status.stdoutTruncated());
        assertTrue(status.stdout(), status.stdout().startsWith("first\nxxx"));
        assertTrue(status.stdout(), status.stdout().endsWith("xxx\nlast\n"));
        assertTrue(status.stdout(), status.stdout().contains("bytes left out by the output cap"));
    }

    @Test
    public void aContainerOverItsMemoryLimitIsOomKilledAndTheResultSaysSo() throws Exception {
        // Files in /dev/shm are memory charged to the container's cgroup: 64 MiB cannot fit in 8.
        ExecutionStatus status = run(backend(Map.of()), "{\"image\": \"" + TestEngine.IMAGE + "\", \"limits\": {\"memory_mb\": 8},"
                + " \"cmd\": [\"sh\", \"-c\", \"head -c 64m /dev/zero > /dev/shm/fill; echo survived\"]}");
        assertEquals(status.toString(), ExecutionState.FAILED, status.state());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().contains("out-of-memory killer")
                && status.error().orElseThrow().contains("8 MiB"));
        assertTrue(status.output().orElseThrow(), JSON.readTree(status.output().orElseThrow()).path("oom_killed").asBoolean());
        assertEquals(Optional.of(137), status.exitCode());
        assertFalse(status.stdout(), status.stdout().contains("survived"));
    }

    @Test
    public void aTimeoutKillsTheContainerAndRemovesIt() throws Exception {
        DockerExecutionBackend backend = backend(Map.of());
        long start = System.nanoTime();
        ExecutionHandle handle = submit(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"timeout_ms\": 1500,"
                + " \"cmd\": [\"sh\", \"-c\", \"echo started; exec sleep 300\"]}");
        ExecutionStatus status = backend.awaitCompletion(handle, WAIT);
        assertEquals(ExecutionState.TIMED_OUT, status.state());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().endsWith("timed out after 1500 ms"));
        assertEquals("started\n", status.stdout());
        assertTrue("ended within 20 s, not after the sleep", System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        assertEquals(List.of(), containerIds(Map.of(DockerEngine.LABEL_EXECUTION, handle.executionId())));
    }

    @Test
    public void cancelKillsTheRunningContainerAndRemovesIt() throws Exception {
        DockerExecutionBackend backend = backend(Map.of());
        ExecutionHandle handle = submit(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"sleep\", \"300\"]}");
        awaitTrue("the container runs", () -> state(backend, handle) == ExecutionState.RUNNING);
        assertEquals("labelled with job, execution and node", 1, ENGINE.containers(Map.of(DockerEngine.LABEL_JOB, handle.jobId(),
                DockerEngine.LABEL_EXECUTION, handle.executionId(), DockerEngine.LABEL_NODE, nodeId)).size());
        backend.cancel(handle);
        ExecutionStatus status = backend.awaitCompletion(handle, WAIT);
        assertEquals(ExecutionState.CANCELLED, status.state());
        assertEquals(Optional.of(137), status.exitCode());
        assertEquals(List.of(), containerIds(Map.of(DockerEngine.LABEL_EXECUTION, handle.executionId())));
    }

    @Test
    public void theNetworkIsNoneByDefaultWithOnlyLoopback() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"ls\", \"/sys/class/net\"]}");
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertEquals("lo\n", status.stdout());
    }

    @Test
    public void aNetworkOutsideTheAllowedOnesIsRefused() {
        ExecutionException refused = refused(backend(Map.of()), "{\"image\": \"" + TestEngine.IMAGE + "\", \"network\": \"host\"}");
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage(), refused.getMessage().contains("\"network\": \"host\" is not allowed"));
    }

    @Test
    public void containersAnEarlierRunOfThisNodeLeftAreRemovedOnActivation() throws Exception {
        String otherNode = "test-other-" + UUID.randomUUID();
        createSleeper(nodeId);
        String someoneElses = createSleeper(otherNode);
        try {
            backend(Map.of());
            assertEquals("removed while activating", List.of(), containerIds(Map.of(DockerEngine.LABEL_NODE, nodeId)));
            assertEquals("another node's container is left alone", List.of(someoneElses),
                    containerIds(Map.of(DockerEngine.LABEL_NODE, otherNode)));
        } finally {
            ENGINE.client().removeContainerCmd(someoneElses).withForce(true).exec();
        }
    }

    @Test
    public void stoppingTheBackendKillsAndRemovesItsRunningContainers() throws Exception {
        DockerExecutionBackend backend = backend(Map.of());
        List<ExecutionHandle> handles = List.of(
                submit(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"sleep\", \"300\"]}"),
                submit(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"sleep\", \"300\"]}"));
        awaitTrue("both run", () -> handles.stream().allMatch(handle -> state(backend, handle) == ExecutionState.RUNNING));
        assertTrue("runner and docker-java stream threads while containers run",
                backendThreads().contains("blixard-docker") && backendThreads().contains("docker-java"));
        backend.deactivate();
        backends.remove(backend);
        for (ExecutionHandle handle : handles) {
            ExecutionStatus status = backend.awaitCompletion(handle, Duration.ofSeconds(1));
            assertEquals(ExecutionState.CANCELLED, status.state());
            assertTrue("given back to the queue", status.retryable());
        }
        assertEquals(List.of(), containerIds(nodeLabel()));
        // Every backend of this class shares the JVM, so this holds only while no other backend runs: it is the
        // only one this test made, and the others were stopped by their tests' @After.
        awaitTrue("no runner, timer or docker-java stream thread outlives the backend", () -> backendThreads().isEmpty());
    }

    /** The names' prefixes of the live threads of the backend and of docker-java. */
    private static Set<String> backendThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("blixard-docker") || name.startsWith("docker-java"))
                .map(name -> name.startsWith("blixard-docker") ? "blixard-docker" : "docker-java")
                .collect(Collectors.toSet());
    }

    @Test
    public void anUnreachableEngineIsReportedDownAndJobsFailWithTheReason() throws Exception {
        Path missing = folder.getRoot().toPath().resolve("no-engine.sock");
        DockerExecutionBackend backend = backend(Map.of("docker_host", "unix://" + missing));
        long start = System.nanoTime();
        BackendHealth health = backend.health();
        assertTrue("health answers from the last probe", System.nanoTime() - start < Duration.ofMillis(200).toNanos());
        assertEquals(HealthState.DOWN, health.health().state());
        assertFalse(health.canRunJobs());
        assertTrue(health.health().message(), health.health().message().contains("unavailable")
                && health.health().message().contains(missing.toString()));
        assertTrue(health.health().details().toString(), health.health().details().containsKey("engine.unreachable"));
        ExecutionException refused = refused(backend, "{\"image\": \"" + TestEngine.IMAGE + "\"}");
        assertTrue("the engine may come back", refused.retryable());
        assertTrue(refused.getMessage(), refused.getMessage().contains("is unreachable"));
    }

    @Test
    public void anEngineThatWentAwayAndCameBackIsUsedAgain() throws Exception {
        DockerExecutionBackend backend = backend(Map.of("health_refresh_ms", 100L));
        String trueJob = "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"true\"]}";
        assertEquals(ExecutionState.SUCCEEDED, run(backend, trueJob).state()); // pooled connections to this engine
        ENGINE.stop();
        try {
            awaitTrue("reported down", () -> !backend.health().canRunJobs());
            assertTrue(refused(backend, trueJob).getMessage().contains("is unreachable"));
        } finally {
            ENGINE.start();
        }
        awaitTrue("reported up again", () -> backend.health().canRunJobs());
        ExecutionStatus status = run(backend, trueJob);
        assertEquals("the first job after the restart, not failed by a stale connection: " + status.error(),
                ExecutionState.SUCCEEDED, status.state());
    }

    @Test
    public void aReachableEngineReportsItsVersion() {
        BackendHealth health = backend(Map.of()).health();
        assertEquals(HealthState.UP, health.health().state());
        assertTrue(health.engine(), health.engine().startsWith("Docker Engine "));
        assertTrue(health.health().details().toString(), health.health().details().containsKey("engine.version"));
    }

    @Test
    public void bindMountsComeOnlyFromTheAllowList() throws Exception {
        Path allowed = Files.createDirectories(folder.getRoot().toPath().resolve("allowed"));
        Files.writeString(allowed.resolve("input.txt"), "from the host\n");
        Files.createSymbolicLink(allowed.resolve("escape"), Path.of("/etc"));
        DockerExecutionBackend backend = backend(Map.of("allowed_mounts", new String[] {allowed.toString()}));

        ExecutionStatus status = run(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"cat\", \"/data/input.txt\"],"
                + " \"mounts\": [{\"source\": \"" + allowed + "\", \"target\": \"/data\", \"read_only\": true}]}");
        assertEquals(status.toString(), "from the host\n", status.stdout());

        for (String outside : List.of("/etc", allowed + "/escape", allowed + "/../")) {
            ExecutionException refused = refused(backend, "{\"image\": \"" + TestEngine.IMAGE + "\","
                    + " \"mounts\": [{\"source\": \"" + outside + "\", \"target\": \"/data\"}]}");
            assertFalse(refused.retryable());
            assertTrue(refused.getMessage(), refused.getMessage().contains("\"mounts[0].source\"")
                    && refused.getMessage().contains("outside the directories jobs may mount"));
        }
    }

    @Test
    public void aMissingImageFailsForGoodWithoutPulling() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), "{\"image\": \"blixard/absent:none\"}");
        assertEquals(ExecutionState.FAILED, status.state());
        assertFalse("pulling is off: trying again cannot help", status.retryable());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().contains("\"blixard/absent:none\" is not on the Docker engine")
                && status.error().orElseThrow().contains("pull.policy is never"));
    }

    @Test
    public void aCommandTheImageLacksFailsForGoodWithTheEnginesWords() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), "{\"image\": \"" + TestEngine.IMAGE + "\", \"cmd\": [\"no-such-program\"]}");
        assertEquals(ExecutionState.FAILED, status.state());
        assertFalse(status.retryable());
        assertTrue(status.error().orElseThrow(), status.error().orElseThrow().startsWith("the Docker engine cannot start the container")
                && status.error().orElseThrow().contains("\"no-such-program\": executable file not found"));
    }

    @Test
    public void aBadPayloadIsRefusedForGoodNamingTheField() {
        DockerExecutionBackend backend = backend(Map.of("max_memory_mb", 64L));
        ExecutionException refused = refused(backend, "{\"image\": \"" + TestEngine.IMAGE + "\", \"limits\": {\"memory_mb\": 128}}");
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage(), refused.getMessage().contains("\"limits.memory_mb\": 128 MiB is above this node's limit of 64 MiB"));
        refused = refused(backend, "{\"cmd\": \"echo\"}");
        assertTrue(refused.getMessage(), refused.getMessage().contains("\"image\" is required")
                && refused.getMessage().contains("\"cmd\" must be an array of strings"));
    }

    private DockerExecutionBackend backend(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("docker_host", ENGINE.host());
        DockerExecutionBackend backend = new DockerExecutionBackend(ConfigProxy.of(DockerBackendConfig.class, all), nodeId, "test",
                Clock.systemUTC());
        backends.add(backend);
        return backend;
    }

    private Map<String, String> nodeLabel() {
        return Map.of(DockerEngine.LABEL_NODE, nodeId);
    }

    private static List<String> containerIds(Map<String, String> labels) {
        return ENGINE.containers(labels).stream().map(Container::getId).toList();
    }

    /** A container as a crashed node would leave it: labelled, running. */
    private static String createSleeper(String node) {
        String id = ENGINE.client().createContainerCmd(TestEngine.IMAGE).withCmd("sleep", "300")
                .withLabels(Map.of(DockerEngine.LABEL_BACKEND, DockerExecutionBackend.TYPE, DockerEngine.LABEL_NODE, node,
                        DockerEngine.LABEL_JOB, "crashed-job", DockerEngine.LABEL_EXECUTION, UUID.randomUUID().toString()))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
        ENGINE.client().startContainerCmd(id).exec();
        return id;
    }

    private static ExecutionStatus run(DockerExecutionBackend backend, String payload) throws Exception {
        return backend.awaitCompletion(submit(backend, payload), WAIT);
    }

    private static ExecutionHandle submit(DockerExecutionBackend backend, String payload) throws ExecutionException {
        Job job = Job.builder("job-" + UUID.randomUUID(), JobSubmission.builder(payload).workerTypes("docker").build(),
                Instant.now()).build();
        return backend.submit(job, new ExecutionConfig(1, Duration.ofMinutes(2), Resources.NONE,
                Map.of("BLIXARD_JOB_ID", job.id())));
    }

    private static ExecutionException refused(DockerExecutionBackend backend, String payload) {
        try {
            ExecutionHandle handle = submit(backend, payload);
            fail("started " + handle + " for " + payload);
            return null;
        } catch (ExecutionException e) {
            return e;
        }
    }

    private static ExecutionState state(DockerExecutionBackend backend, ExecutionHandle handle) {
        try {
            return backend.status(handle).state();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
