package dev.blixard.backend.mock;

import dev.blixard.testing.ConfigProxy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.HealthState;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Test;

public class MockExecutionBackendTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    private MockExecutionBackend backend;

    @After
    public void stopBackend() {
        if (backend != null) {
            backend.deactivate();
        }
    }

    @Test
    public void aJobSucceedsWithItsOutputAfterItsLatency() throws Exception {
        backend = backend(Map.of());
        ExecutionHandle handle = backend.submit(job("{\"duration_ms\":50,\"output\":{\"n\":1},\"stdout\":\"hi\"}"),
                config(WAIT));

        ExecutionStatus status = backend.awaitCompletion(handle, WAIT);

        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertEquals(Integer.valueOf(0), status.exitCode().orElseThrow());
        assertEquals("{\"n\":1}", status.output().orElseThrow());
        assertEquals("hi", status.stdout());
        assertTrue(status.duration().orElseThrow().toMillis() >= 50);
    }

    @Test
    public void aFailingJobReportsItsExitCodeAndIsNotRetryable() throws Exception {
        backend = backend(Map.of());
        ExecutionHandle handle = backend.submit(job("{\"outcome\":\"fail\",\"exit_code\":3,\"duration_ms\":0}"),
                config(WAIT));

        ExecutionStatus status = backend.awaitCompletion(handle, WAIT);

        assertEquals(ExecutionState.FAILED, status.state());
        assertEquals(Integer.valueOf(3), status.exitCode().orElseThrow());
        assertFalse(status.retryable());
        assertTrue(status.error().orElseThrow().contains("exit code 3"));
    }

    @Test
    public void aCrashIsARetryableFailureWithoutExitCode() throws Exception {
        backend = backend(Map.of());
        ExecutionStatus status = backend.awaitCompletion(
                backend.submit(job("{\"outcome\":\"crash\",\"duration_ms\":0}"), config(WAIT)), WAIT);

        assertEquals(ExecutionState.FAILED, status.state());
        assertTrue(status.retryable());
        assertFalse(status.exitCode().isPresent());
    }

    @Test
    public void aHangingJobEndsAtItsTimeout() throws Exception {
        backend = backend(Map.of());
        ExecutionHandle handle = backend.submit(job("{\"outcome\":\"hang\"}"), config(Duration.ofMillis(100)));
        assertEquals(ExecutionState.RUNNING, backend.status(handle).state());

        ExecutionStatus status = backend.awaitCompletion(handle, WAIT);

        assertEquals(ExecutionState.TIMED_OUT, status.state());
        assertTrue(status.error().orElseThrow().contains("timed out after 100 ms"));
    }

    @Test
    public void cancelStopsARunningJobOnceAndForAll() throws Exception {
        backend = backend(Map.of());
        ExecutionHandle handle = backend.submit(job("{\"outcome\":\"hang\"}"), config(WAIT));

        backend.cancel(handle);
        backend.cancel(handle);

        assertEquals(ExecutionState.CANCELLED, backend.awaitCompletion(handle, WAIT).state());
        assertEquals(0, backend.resourceInfo().runningExecutions());
    }

    @Test
    public void deactivationCancelsEverythingStillRunning() throws Exception {
        backend = backend(Map.of());
        ExecutionHandle first = backend.submit(job("{\"outcome\":\"hang\"}"), config(WAIT));
        ExecutionHandle second = backend.submit(job("{\"duration_ms\":60000}"), config(WAIT));

        backend.deactivate();

        for (ExecutionHandle handle : new ExecutionHandle[] {first, second}) {
            ExecutionStatus status = backend.awaitCompletion(handle, WAIT);
            assertEquals(ExecutionState.CANCELLED, status.state());
            assertTrue("released work is retryable", status.retryable());
        }
        assertEquals(0, backend.resourceInfo().runningExecutions());
        assertEquals(HealthState.DOWN, backend.health().health().state());
        assertFalse(timerThreadAlive());
        backend = null;
    }

    @Test
    public void capacityIsEnforcedAsARetryableRefusal() throws Exception {
        backend = backend(Map.of("max_concurrent_executions", 1));
        backend.submit(job("{\"outcome\":\"hang\"}"), config(WAIT));
        try {
            backend.submit(job("{}"), config(WAIT));
            fail("second execution accepted beyond capacity");
        } catch (ExecutionException e) {
            assertTrue(e.retryable());
            assertTrue(e.getMessage(), e.getMessage().contains("full"));
        }
        assertEquals(0, backend.resourceInfo().freeSlots());
    }

    @Test
    public void configuredRatesDecideOutcomesReproduciblyForASeed() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("failure_rate", 0.5);
        settings.put("latency_min_ms", 0L);
        settings.put("latency_max_ms", 0L);
        settings.put("seed", 42L);
        String first = outcomes(settings);
        String second = outcomes(settings);

        assertEquals(first, second);
        assertTrue(first, first.contains("FAILED") && first.contains("SUCCEEDED"));
    }

    @Test
    public void malformedMockSectionsAreRefusedAsNotRetryable() {
        backend = backend(Map.of());
        for (String payload : new String[] {"{\"outcome\":\"explode\"}", "{\"outcome\":\"success\",\"duration_ms\":\"soon\"}",
                "{\"duration_ms\":-1}", "not json"}) {
            try {
                backend.submit(job(payload), config(WAIT));
                fail(payload + " accepted");
            } catch (ExecutionException e) {
                assertFalse(e.retryable());
                assertTrue(e.getMessage(), e.getMessage().startsWith("job job-"));
            }
        }
    }

    @Test
    public void anyOtherJsonPayloadRunsWithTheConfiguredDefaults() throws Exception {
        backend = backend(Map.of("latency_min_ms", 0L, "latency_max_ms", 0L));
        ExecutionStatus status = backend.awaitCompletion(backend.submit(job("[1,2]"), config(WAIT)), WAIT);
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertEquals("{\"duration_ms\":0}", status.output().orElseThrow());
    }

    @Test
    public void cleanupForgetsOnlyFinishedExecutions() throws Exception {
        backend = backend(Map.of());
        ExecutionHandle done = backend.submit(job("{\"duration_ms\":0}"), config(WAIT));
        backend.awaitCompletion(done, WAIT);
        ExecutionHandle running = backend.submit(job("{\"outcome\":\"hang\"}"), config(WAIT));

        assertEquals(1, backend.cleanup(Duration.ofMillis(-1)));

        assertEquals(Set.of(running.executionId()),
                backend.executions().stream().map(ExecutionHandle::executionId).collect(Collectors.toSet()));
        try {
            backend.status(done);
            fail("cleaned-up execution still known");
        } catch (ExecutionException expected) {
            assertTrue(expected.getMessage().contains(done.jobId()));
        }
    }

    @Test
    public void handlesOnlyMockOrAnyWorkerJobs() {
        backend = backend(Map.of());
        assertTrue(backend.canHandle(job("{}"), config(WAIT)));
        Job wasmOnly = Job.builder("job-x", JobSubmission.builder("{}").workerTypes("wasm").build(), Instant.now()).build();
        assertFalse(backend.canHandle(wasmOnly, config(WAIT)));
    }

    private String outcomes(Map<String, Object> settings) throws Exception {
        MockExecutionBackend seeded = backend(settings);
        try {
            StringBuilder outcomes = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                outcomes.append(seeded.awaitCompletion(seeded.submit(job("{}"), config(WAIT)), WAIT).state()).append(' ');
            }
            return outcomes.toString();
        } finally {
            seeded.deactivate();
        }
    }

    private static boolean timerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("blixard-mock-backend") && thread.isAlive());
    }

    private static MockExecutionBackend backend(Map<String, Object> settings) {
        return new MockExecutionBackend(ConfigProxy.of(MockBackendConfig.class, settings), Clock.systemUTC(), "test");
    }

    private static Job job(String payload) {
        return Job.builder("job-" + IDS.incrementAndGet(), JobSubmission.builder(payload).build(), Instant.now()).build();
    }

    private static ExecutionConfig config(Duration timeout) {
        return new ExecutionConfig(1, timeout, Resources.NONE, Map.of());
    }
}
