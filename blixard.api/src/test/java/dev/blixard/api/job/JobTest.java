package dev.blixard.api.job;

import static dev.blixard.api.job.JobSubmissionTest.assertInvalid;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class JobTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final JobSubmission SPEC = JobSubmission.builder("{}").workerTypes("mock").build();

    @Test
    public void aNewJobIsPendingAndUpdatedWhenCreated() {
        Job job = Job.builder("j1", SPEC, T0).build();
        assertEquals(JobStatus.PENDING, job.status());
        assertEquals(T0, job.updatedAt());
        assertEquals(0, job.attempt());
        assertFalse(job.workerId().isPresent());
        assertEquals(List.of("mock"), job.workerTypes());
    }

    @Test
    public void aLeasedJobNeedsAWorkerAndALease() {
        assertInvalid(() -> Job.builder("j1", SPEC, T0).status(JobStatus.CLAIMED).build(), "worker_id");
        assertInvalid(() -> Job.builder("j1", SPEC, T0).status(JobStatus.IN_PROGRESS).workerId("w").build(),
                "lease_expires_at");
    }

    @Test
    public void aCompletedJobNeedsAResult() {
        assertInvalid(() -> Job.builder("j1", SPEC, T0).status(JobStatus.COMPLETED).build(), "result");
    }

    @Test
    public void idsAreChecked() {
        assertInvalid(() -> Job.builder("no spaces", SPEC, T0).build(), "id");
        assertInvalid(() -> Job.builder("j1", null, T0).build(), "spec");
        assertInvalid(() -> Job.builder("j1", SPEC, null).build(), "created_at");
    }

    @Test
    public void toBuilderRoundTrips() {
        Job job = Job.builder("j1", SPEC, T0).status(JobStatus.CLAIMED).workerId("w1").attempt(1)
                .leaseExpiresAt(T0.plusSeconds(30)).claimedAt(T0)
                .attempts(List.of(new JobAttempt(1, "w1", T0, null, null, AttemptOutcome.RUNNING, null))).build();
        assertEquals(job, job.toBuilder().build());
    }
}
