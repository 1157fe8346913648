package dev.blixard.core.agent;

import dev.blixard.testing.ConfigProxy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.backend.mock.MockExecutionBackend;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class WorkerAgentTest {
    private static final String NODE = "node-1";
    private static final String MOCK_WORKER = NODE + ":mock";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ObjectMapper json = new ObjectMapper();
    private final List<MockExecutionBackend> backends = new ArrayList<>();
    private InMemoryJobs queue;
    private WorkerAgent agent;

    @Before
    public void createQueue() {
        queue = new InMemoryJobs();
    }

    @After
    public void stopEverything() {
        if (agent != null) {
            agent.deactivate();
        }
        backends.forEach(MockBackends::stop);
        queue.close();
    }

    @Test
    public void claimsStartsAndCompletesJobsWithTheResultDocument() throws Exception {
        agent = agent(Map.of());
        agent.bindBackend(backend(Map.of()), Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(submit("{\"duration_ms\":5,\"output\":{\"n\":" + i + "},\"stdout\":\"hi\"}", b -> b));
        }

        awaitAll(ids, JobStatus.COMPLETED);

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            assertEquals("started once: " + id, 1, queue.calls("start", id));
            JsonNode result = json.readTree(queue.job(id).result().orElseThrow());
            assertEquals(0, result.get("exit_code").asInt());
            assertEquals(i, result.get("output").get("n").asInt());
            assertEquals("hi", result.get("stdout").asText());
            assertEquals("", result.get("stderr").asText());
            assertFalse(result.get("stdout_truncated").asBoolean());
            assertFalse(result.get("stderr_truncated").asBoolean());
            assertTrue(result.get("duration_ms").asLong() >= 0);
            assertEquals("mock", result.get("backend").asText());
            assertEquals(NODE, result.get("node_id").asText());
            assertFalse(result.get("execution_id").asText().isEmpty());
        }
        assertEquals(MOCK_WORKER, queue.get(MOCK_WORKER).orElseThrow().id());
        await("slots given back", () -> agent.health().get("mock").running() == 0);
    }

    @Test
    public void aFailingJobIsReportedAsAPermanentFailureWithDetails() throws Exception {
        agent = agent(Map.of());
        agent.bindBackend(backend(Map.of()), Map.of());

        String id = submit("{\"outcome\":\"fail\",\"exit_code\":3,\"duration_ms\":0}", b -> b.maxAttempts(3));

        await("job failed", () -> queue.job(id).status() == JobStatus.FAILED);
        List<JobFailure> failures = queue.failuresOf(id);
        assertEquals("a permanent failure is not retried", 1, failures.size());
        assertFalse(failures.get(0).retryable());
        assertTrue(failures.get(0).error(), failures.get(0).error().contains("exit code 3"));
        JsonNode details = json.readTree(failures.get(0).detailsJson().orElseThrow());
        assertEquals(3, details.get("exit_code").asInt());
        assertEquals("mock", details.get("backend").asText());
    }

    @Test
    public void aCrashIsARetryableFailure() {
        agent = agent(Map.of());
        agent.bindBackend(backend(Map.of()), Map.of());

        String id = submit("{\"outcome\":\"crash\",\"duration_ms\":0}", b -> b.maxAttempts(2));

        await("job failed after two attempts", () -> queue.job(id).status() == JobStatus.FAILED);
        List<JobFailure> failures = queue.failuresOf(id);
        assertEquals(2, failures.size());
        failures.forEach(failure -> assertTrue(failure.retryable()));
        assertEquals(2, queue.job(id).attempt());
    }

    @Test
    public void theAgentEnforcesTheTimeoutOfAProcessorThatWouldRunForever() {
        agent = agent(Map.of());
        TestProcessor processor = new TestProcessor();
        agent.bindProcessor(processor, Map.of());

        String id = submit("\"hang\"", b -> b.workerTypes(TestProcessor.TYPE).timeout(Duration.ofMillis(200))
                .maxAttempts(1));

        await("job failed", () -> queue.job(id).status() == JobStatus.FAILED);
        JobFailure failure = queue.failuresOf(id).get(0);
        assertEquals("timed out after 200 ms", failure.error());
        assertTrue(failure.retryable());
        assertEquals(List.of(id), processor.cancelled);
        await("slot given back", () -> agent.health().get(TestProcessor.TYPE).running() == 0);
    }

    @Test
    public void aProcessorThatIgnoresTheCancelIsAbandonedAfterTheGraceAndItsSlotServesTheNextJob() throws Exception {
        agent = agent(Map.of("capacities", new String[] {TestProcessor.TYPE + "=1"}, "cancel_grace_ms", 300L));
        TestProcessor processor = new TestProcessor();
        agent.bindProcessor(processor, Map.of());
        try {
            String deaf = submit("\"deaf\"", b -> b.workerTypes(TestProcessor.TYPE).timeout(Duration.ofMillis(200))
                    .maxAttempts(1));

            await("deaf job failed by its timeout", () -> queue.job(deaf).status() == JobStatus.FAILED);
            await("deaf run abandoned", () -> !agent.health().get(TestProcessor.TYPE).abandoned().isEmpty());
            String abandoned = agent.health().get(TestProcessor.TYPE).abandoned().get(0);
            assertTrue(abandoned, abandoned.contains("did not stop job " + deaf + " within 300 ms"));
            // The abandon is recorded before the interrupt reaches the thread: wait for the thread to see it.
            await("the deaf run's thread interrupted", () -> processor.interrupted.contains(deaf));

            // Capacity 1: this job runs only because the abandoned run no longer holds the slot.
            String next = submit("\"write\"", b -> b.workerTypes(TestProcessor.TYPE));
            awaitAll(List.of(next), JobStatus.COMPLETED);
        } finally {
            processor.releaseDeaf();
        }
        await("abandoned run returned and is forgotten",
                () -> agent.health().get(TestProcessor.TYPE).abandoned().isEmpty());
    }

    @Test
    public void aHangingBackendExecutionTimesOutAsARetryableFailure() {
        agent = agent(Map.of());
        agent.bindBackend(backend(Map.of()), Map.of());

        String id = submit("{\"outcome\":\"hang\"}", b -> b.timeout(Duration.ofMillis(150)).maxAttempts(2));

        await("job failed", () -> queue.job(id).status() == JobStatus.FAILED);
        List<JobFailure> failures = queue.failuresOf(id);
        assertEquals(2, failures.size());
        for (JobFailure failure : failures) {
            // The agent's timer ("timed out after 150 ms") or the mock's own ("job ID timed out after 150 ms").
            assertTrue(failure.error(), failure.error().endsWith("timed out after 150 ms"));
            assertTrue(failure.retryable());
        }
    }

    @Test
    public void aCancelInTheHeartbeatStopsTheExecutionAndNothingIsReported() throws Exception {
        agent = agent(Map.of());
        MockExecutionBackend backend = backend(Map.of());
        agent.bindBackend(backend, Map.of());
        String id = submit("{\"outcome\":\"hang\"}", b -> b);
        await("job running", () -> queue.job(id).status() == JobStatus.IN_PROGRESS);

        queue.cancel(id, "not needed any more");

        await("execution cancelled", () -> backend.executions().stream()
                .allMatch(handle -> stateOf(backend, handle) == ExecutionState.CANCELLED));
        await("slot given back", () -> agent.health().get("mock").running() == 0);
        assertEquals(JobStatus.CANCELLED, queue.job(id).status());
        assertEquals(0, queue.calls("complete", id) + queue.calls("fail", id) + queue.calls("release", id));
    }

    @Test
    public void aBackendThatGoesAwayReleasesItsJobsAndOneThatComesBackResumes() {
        agent = agent(Map.of());
        MockExecutionBackend first = backend(Map.of());
        agent.bindBackend(first, Map.of());
        List<String> hanging = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hanging.add(submit("{\"outcome\":\"hang\"}", b -> b));
        }
        awaitAll(hanging, JobStatus.IN_PROGRESS);

        agent.unbindBackend(first);

        for (String id : hanging) {
            assertEquals(JobStatus.PENDING, queue.job(id).status());
            assertEquals("no attempt counted", 0, queue.job(id).attempt());
            assertEquals(1, queue.calls("release", id));
            assertEquals(0, queue.calls("fail", id));
        }
        assertTrue(first.executions().stream().allMatch(handle -> stateOf(first, handle) == ExecutionState.CANCELLED));
        assertFalse("worker deregistered", queue.get(MOCK_WORKER).isPresent());
        assertFalse(agent.health().containsKey("mock"));

        MockExecutionBackend second = backend(Map.of());
        agent.bindBackend(second, Map.of());
        String quick = submit("{\"duration_ms\":0}", b -> b);

        await("quick job completed", () -> queue.job(quick).status() == JobStatus.COMPLETED);
        awaitAll(hanging, JobStatus.IN_PROGRESS);
        assertTrue(queue.get(MOCK_WORKER).isPresent());
    }

    @Test
    public void theHigherRankedOfTwoBackendsRunsTheTypeUntilItGoesAway() {
        agent = agent(Map.of());
        MockExecutionBackend low = backend(Map.of());
        MockExecutionBackend high = backend(Map.of());
        agent.bindBackend(low, Map.of("service.ranking", 1, "service.id", 10L));
        agent.bindBackend(high, Map.of("service.ranking", 5, "service.id", 11L));

        String first = submit("{\"duration_ms\":0}", b -> b);
        await("first job completed", () -> queue.job(first).status() == JobStatus.COMPLETED);
        assertEquals(1, high.executions().size());
        assertEquals(0, low.executions().size());

        agent.unbindBackend(high);
        String second = submit("{\"duration_ms\":0}", b -> b);
        await("second job completed", () -> queue.job(second).status() == JobStatus.COMPLETED);
        assertEquals(1, low.executions().size());
    }

    @Test
    public void deactivateReleasesHeldJobsAndLeavesNoAgentThreadAlive() {
        agent = agent(Map.of());
        agent.bindBackend(backend(Map.of()), Map.of());
        agent.bindProcessor(new TestProcessor(), Map.of());
        String onBackend = submit("{\"outcome\":\"hang\"}", b -> b.workerTypes("mock"));
        String onProcessor = submit("\"hang\"", b -> b.workerTypes(TestProcessor.TYPE));
        awaitAll(List.of(onBackend, onProcessor), JobStatus.IN_PROGRESS);
        assertTrue("agent threads run", agentThreads() > 0);

        agent.deactivate();

        assertEquals("agent threads alive after deactivate", 0, agentThreads());
        for (String id : List.of(onBackend, onProcessor)) {
            assertEquals(JobStatus.PENDING, queue.job(id).status());
            assertEquals("no attempt counted", 0, queue.job(id).attempt());
            assertEquals(1, queue.calls("release", id));
            assertEquals(0, queue.calls("fail", id));
        }
        assertTrue(queue.list().isEmpty());
    }

    @Test
    public void aDeactivatedIdleAgentStopsPromptly() {
        agent = agent(Map.of("claim_wait_ms", 30_000L));
        agent.bindBackend(backend(Map.of()), Map.of());
        await("registered", () -> queue.get(MOCK_WORKER).isPresent());

        long started = System.nanoTime();
        agent.deactivate();

        assertTrue("stopping waited for the long poll", Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000);
        assertEquals(0, agentThreads());
    }

    @Test
    public void capacityIsNeverExceeded() {
        agent = agent(Map.of("capacity", 2, "capacities", new String[] {"mock=3"}));
        agent.bindBackend(backend(Map.of()), Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(submit("{\"duration_ms\":10}", b -> b));
        }

        awaitAll(ids, JobStatus.COMPLETED);

        assertEquals(3, queue.get(MOCK_WORKER).orElseThrow().registration().capacity());
        assertTrue("held at once: " + queue.maxLeased(MOCK_WORKER), queue.maxLeased(MOCK_WORKER) <= 3);
        assertTrue("ran at once: " + queue.maxInProgress(MOCK_WORKER), queue.maxInProgress(MOCK_WORKER) <= 3);
        assertTrue(queue.maxInProgress(MOCK_WORKER) >= 2);
    }

    @Test
    public void aProcessorRunsInAWorkDirectoryThatIsRemovedAfterwards() throws Exception {
        agent = agent(Map.of());
        TestProcessor processor = new TestProcessor();
        agent.bindProcessor(processor, Map.of());

        String id = submit("\"write\"", b -> b.workerTypes(TestProcessor.TYPE));

        await("job completed", () -> queue.job(id).status() == JobStatus.COMPLETED);
        JsonNode result = json.readTree(queue.job(id).result().orElseThrow());
        assertEquals(1, result.get("output").get("attempt").asInt());
        assertEquals(TestProcessor.TYPE, result.get("backend").asText());
        assertTrue(result.get("exit_code").isNull());
        assertEquals(1, processor.workDirectories.size());
        assertTrue(processor.workDirectories.get(0).getFileName().toString().startsWith(id + "-1"));
        assertFalse(Files.exists(processor.workDirectories.get(0)));
    }

    @Test
    public void aWorkerDeclaredLostRegistersAgainAndCarriesOn() {
        agent = agent(Map.of());
        agent.bindBackend(backend(Map.of()), Map.of());
        await("registered", () -> queue.get(MOCK_WORKER).isPresent());
        int registrations = queue.registrations();

        queue.forget(MOCK_WORKER);

        await("registered again", () -> queue.registrations() > registrations && queue.get(MOCK_WORKER).isPresent());
        String id = submit("{\"duration_ms\":0}", b -> b);
        await("job completed", () -> queue.job(id).status() == JobStatus.COMPLETED);
    }

    @Test
    public void aDisabledAgentClaimsNothing() throws Exception {
        agent = agent(Map.of("enabled", false));
        agent.bindBackend(backend(Map.of()), Map.of());
        String id = submit("{\"duration_ms\":0}", b -> b);

        Thread.sleep(200); // Proving an absence: nothing may happen within a generous claim cycle.

        assertEquals(JobStatus.PENDING, queue.job(id).status());
        assertTrue(queue.list().isEmpty());
    }

    @Test
    public void anInconsistentConfigurationIsRefused() {
        try {
            agent(Map.of("heartbeat_ms", 5_000L, "lease_ms", 5_000L));
            fail("a heartbeat as long as the lease was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("heartbeat_ms"));
        }
    }

    private WorkerAgent agent(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("lease_ms", 2_000L, "heartbeat_ms", 100L,
                "claim_wait_ms", 200L, "drain_timeout_ms", 5_000L, "report_threads", 8));
        config.putAll(overrides);
        return new WorkerAgent(ConfigProxy.of(AgentConfig.class, config), NODE, queue, queue);
    }

    private MockExecutionBackend backend(Map<String, Object> config) {
        MockExecutionBackend backend = MockBackends.start(config);
        backends.add(backend);
        return backend;
    }

    private String submit(String payload, UnaryOperator<JobSubmission.Builder> options) {
        return queue.submit(options.apply(JobSubmission.builder(payload)).build()).jobId();
    }

    private void awaitAll(List<String> ids, JobStatus status) {
        await(ids.size() + " jobs " + status, () -> ids.stream().allMatch(id -> queue.job(id).status() == status));
    }

    private static ExecutionState stateOf(MockExecutionBackend backend, ExecutionHandle handle) {
        try {
            return backend.status(handle).state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static long agentThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(AgentThreads.PREFIX)).count();
    }

    /** The stacks of the agent's threads, so a condition that never came shows what they were doing. */
    private static String agentThreadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith(AgentThreads.PREFIX)) {
                dump.append(thread.getName()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("  at ").append(frame).append('\n');
                }
            }
        });
        return dump.toString();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what + "\n" + agentThreadDump());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
