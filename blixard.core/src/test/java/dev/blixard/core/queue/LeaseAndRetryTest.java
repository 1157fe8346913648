package dev.blixard.core.queue;

import static dev.blixard.core.queue.QueueTestSupport.ids;
import static dev.blixard.core.queue.QueueTestSupport.job;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Backoff;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Leases, heartbeats, retries with backoff, dead letters and lost workers, on the test clock. */
public class LeaseAndRetryTest {
    private static final Backoff TEN_SECONDS = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 0);

    @Rule
    public final QueueFixture fixture = new QueueFixture();
    private QueueTestSupport queue;
    private JobQueue jobs;

    @Before
    public void setUp() {
        queue = new QueueTestSupport(fixture.queue());
        jobs = fixture.queue();
    }

    private List<Job> claimWithLease(String worker, Duration lease) {
        return queue.claim(ClaimRequest.builder(worker).workerTypes("mock").lease(lease).build());
    }

    @Test
    public void aLapsedLeaseCountsTheAttemptAndRequeuesAfterBackoff() {
        String id = queue.submit(job("mock").backoff(TEN_SECONDS));
        claimWithLease("w", Duration.ofSeconds(5));
        fixture.clock.advance(Duration.ofSeconds(6));
        assertEquals(1, jobs.reaper().pass().expiredLeases());
        Job requeued = queue.get(id);
        assertEquals(JobStatus.PENDING, requeued.status());
        assertTrue(requeued.error().orElseThrow().contains("lease"));
        assertEquals(AttemptOutcome.LEASE_EXPIRED, requeued.attempts().get(0).outcome());
        assertEquals("backoff not over yet", List.of(), ids(claimWithLease("w", Duration.ofSeconds(5))));
        fixture.clock.advance(Duration.ofSeconds(10));
        Job again = claimWithLease("w", Duration.ofSeconds(5)).get(0);
        assertEquals(2, again.attempt());
        assertEquals(List.of("SUBMITTED", "CLAIMED", "RETRY_SCHEDULED", "CLAIMED"), queue.eventsOf(id));
    }

    /**
     * A worker whose lease lapsed (its node was killed and restarted under the same worker id) claims the job
     * again before its next heartbeat: the stop request about the lapsed attempt must not stop the new one.
     */
    @Test
    public void aStopRequestAboutALapsedAttemptDoesNotStopTheSameWorkersNextAttempt() {
        jobs.workers().register(WorkerRegistration.builder("w").workerTypes("mock").build());
        String id = queue.submit(job("mock").backoff(TEN_SECONDS));
        claimWithLease("w", Duration.ofSeconds(5));
        fixture.clock.advance(Duration.ofSeconds(6));
        assertEquals(1, jobs.reaper().pass().expiredLeases());
        fixture.clock.advance(Duration.ofSeconds(10));

        Job again = claimWithLease("w", Duration.ofSeconds(5)).get(0);
        HeartbeatResponse response = jobs.workers().heartbeat("w");

        assertEquals(id, again.id());
        assertEquals(2, again.attempt());
        assertEquals("nothing to stop: the worker holds the job's current attempt", List.of(), response.cancel());
    }

    @Test
    public void heartbeatsKeepTheLeaseAlive() {
        jobs.workers().register(WorkerRegistration.builder("w").workerTypes("mock").build());
        String id = queue.submit(job("mock"));
        claimWithLease("w", Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            fixture.clock.advance(Duration.ofSeconds(3));
            HeartbeatResponse response = jobs.workers().heartbeat("w");
            assertEquals(fixture.clock.instant().plusSeconds(5), response.leaseExpiresAt());
            assertEquals(0, jobs.reaper().pass().expiredLeases());
        }
        assertEquals(JobStatus.CLAIMED, queue.get(id).status());
    }

    @Test
    public void retryableFailuresRetryUntilMaxAttemptsThenDeadLetter() {
        String id = queue.submit(job("mock").maxAttempts(2).backoff(TEN_SECONDS));
        queue.claim("w", 1, "mock");
        Job retried = jobs.transitions().fail(id, "w", new JobFailure("boom", true, null));
        assertEquals(JobStatus.PENDING, retried.status());
        assertEquals(fixture.clock.instant().plusSeconds(10), retried.spec().runAfter().orElseThrow());
        fixture.clock.advance(Duration.ofSeconds(10));
        queue.claim("w", 1, "mock");
        Job dead = jobs.transitions().fail(id, "w", new JobFailure("boom again", true, "{\"exit_code\":3}"));
        assertEquals(JobStatus.FAILED, dead.status());
        assertEquals("boom again", dead.error().orElseThrow());
        assertEquals(2, dead.attempts().size());
        assertEquals(List.of("SUBMITTED", "CLAIMED", "RETRY_SCHEDULED", "CLAIMED", "FAILED"), queue.eventsOf(id));
        assertEquals(1, jobs.reads().stats().throughput().get(0).failed());
    }

    @Test
    public void aNonRetryableFailureIsFinalAtOnce() {
        String id = queue.submit(job("mock").maxAttempts(5));
        queue.claim("w", 1, "mock");
        assertEquals(JobStatus.FAILED, jobs.transitions().fail(id, "w", new JobFailure("bad input", false, null)).status());
    }

    @Test
    public void aReleaseDoesNotCountAnAttempt() {
        String id = queue.submit(job("mock").maxAttempts(1));
        queue.claim("w", 1, "mock");
        Job released = jobs.transitions().release(id, "w", "backend went away");
        assertEquals(JobStatus.PENDING, released.status());
        assertEquals(AttemptOutcome.RELEASED, released.attempts().get(0).outcome());
        queue.claim("w", 1, "mock");
        // With max_attempts 1, a counted attempt would have dead-lettered it now.
        Job failed = jobs.transitions().fail(id, "w", new JobFailure("now it counts", true, null));
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(List.of("SUBMITTED", "CLAIMED", "REQUEUED", "CLAIMED", "FAILED"), queue.eventsOf(id));
    }

    @Test
    public void aSilentWorkerIsLostAndItsJobsGoBack() {
        jobs.workers().register(WorkerRegistration.builder("w").workerTypes("mock").build());
        String id = queue.submit(job("mock"));
        claimWithLease("w", Duration.ofMinutes(10));
        fixture.clock.advance(Duration.ofSeconds(31));
        Reaper.Outcome outcome = jobs.reaper().pass();
        assertEquals(1, outcome.lostWorkers());
        assertEquals(1, outcome.expiredLeases());
        assertEquals(WorkerStatus.LOST, jobs.workers().get("w", dev.blixard.store.Consistency.LINEARIZABLE)
                .orElseThrow().status());
        assertEquals(JobStatus.PENDING, queue.get(id).status());
        // The lost worker learns on its return that the job is no longer its own.
        HeartbeatResponse back = jobs.workers().heartbeat("w");
        assertEquals(List.of(id), back.cancel());
        assertEquals(WorkerStatus.ACTIVE, jobs.workers().get("w", dev.blixard.store.Consistency.LINEARIZABLE)
                .orElseThrow().status());
    }

    @Test
    public void aLateReportAfterTheLeaseWasTakenBackChangesNothing() {
        String id = queue.submit(job("mock").backoff(TEN_SECONDS));
        claimWithLease("w1", Duration.ofSeconds(5));
        fixture.clock.advance(Duration.ofSeconds(6));
        jobs.reaper().pass();
        fixture.clock.advance(Duration.ofSeconds(10));
        assertEquals(1, claimWithLease("w2", Duration.ofSeconds(5)).size());
        try {
            jobs.transitions().complete(id, "w1", new JobResult("{}"));
            throw new AssertionError("a worker without the lease completed the job");
        } catch (dev.blixard.api.ConflictException expected) {
            assertTrue(expected.getMessage().contains("w2"));
        }
        Job job = queue.get(id);
        assertEquals(JobStatus.CLAIMED, job.status());
        assertEquals("w2", job.workerId().orElseThrow());
        assertFalse(job.result().isPresent());
    }
}
