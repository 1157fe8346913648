package dev.blixard.core.agent;

import dev.blixard.testing.ConfigProxy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.backend.mock.MockExecutionBackend;
import dev.blixard.core.queue.QueueFixture;
import dev.blixard.core.service.JobCommandServiceComponent;
import dev.blixard.core.service.JobQueryServiceComponent;
import dev.blixard.core.service.WorkerServiceComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** The agent against the real queue on a real store: every job runs, completes once, and none is lost. */
public class AgentOnRealQueueTest {
    private static final long WAIT_MS = 60_000;

    @Rule
    public final QueueFixture fixture = new QueueFixture();
    private WorkerAgent agent;
    private final List<MockExecutionBackend> backends = new ArrayList<>();

    @After
    public void stop() {
        if (agent != null) {
            agent.deactivate();
        }
        backends.forEach(MockBackends::stop);
    }

    @Test
    public void everyJobCompletesExactlyOnceAndSurvivesTheBackendGoingAway() throws Exception {
        JobCommandService commands = JobCommandServiceComponent.over(fixture.queue());
        WorkerService workers = WorkerServiceComponent.over(fixture.queue());
        JobQueryServiceComponent queries = JobQueryServiceComponent.over(fixture.queue());
        Map<String, Object> config = new HashMap<>(Map.of("lease_ms", 10_000L, "heartbeat_ms", 1_000L,
                "claim_wait_ms", 500L, "drain_timeout_ms", 10_000L, "capacities", new String[] {"mock=32"}));
        agent = new WorkerAgent(ConfigProxy.of(AgentConfig.class, config), "n1", commands, workers);
        MockExecutionBackend first = backend();
        agent.bindBackend(first, Map.of());

        List<JobSubmission> submissions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            submissions.add(JobSubmission.builder("{\"duration_ms\":100}").workerTypes("mock").build());
        }
        commands.submitBatch(submissions);
        // Jobs run 100 ms each: when some are done and others are running, the removal below catches those.
        await("some jobs to complete while others run", () -> queries.stats().count(JobStatus.COMPLETED) >= 50
                && queries.stats().count(JobStatus.IN_PROGRESS) > 0);

        // The backend goes away mid-run: what it held goes back to Pending without counting an attempt.
        agent.unbindBackend(first);
        MockBackends.stop(first);
        backends.remove(first);
        await("every held job to be released", () -> queries.stats().count(JobStatus.CLAIMED)
                + queries.stats().count(JobStatus.IN_PROGRESS) == 0);
        assertTrue(queries.stats().count(JobStatus.PENDING) > 0);

        agent.bindBackend(backend(), Map.of());
        await("all 300 jobs to complete", () -> queries.stats().count(JobStatus.COMPLETED) == 300);

        int completions = 0;
        int released = 0;
        String cursor = null;
        do {
            JobQuery.Builder query = JobQuery.builder().limit(1000);
            if (cursor != null) {
                query.cursor(cursor);
            }
            var page = queries.list(query.build());
            for (Job listed : page.items()) {
                Job job = queries.get(listed.id(), dev.blixard.api.service.ReadConsistency.LOCAL).orElseThrow();
                for (var attempt : job.attempts()) {
                    completions += attempt.outcome() == AttemptOutcome.COMPLETED ? 1 : 0;
                    released += attempt.outcome() == AttemptOutcome.RELEASED ? 1 : 0;
                    assertTrue(attempt.outcome() == AttemptOutcome.COMPLETED || attempt.outcome() == AttemptOutcome.RELEASED);
                }
                assertEquals(job.id(), JobStatus.COMPLETED, job.status());
                assertTrue(job.result().orElseThrow().contains("\"exit_code\""));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals("one completion per job", 300, completions);
        assertTrue("the backend's removal released jobs", released > 0);
    }

    private MockExecutionBackend backend() {
        MockExecutionBackend backend = MockBackends.start(Map.of("max_concurrent_executions", 64));
        backends.add(backend);
        return backend;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + WAIT_MS + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
