package dev.blixard.core.queue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.store.Consistency;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class LifecycleTest {
    @Rule
    public final QueueFixture fixture = new QueueFixture();

    @Test
    public void aJobGoesFromSubmitToCompletedWithItsHistory() throws Exception {
        JobQueue queue = fixture.queue();
        String id = queue.submitter().submit(List.of(JobSubmission.builder("{\"n\":1}").workerTypes("mock").build()))
                .get(0).jobId();
        List<Job> claimed = queue.claims().claim(ClaimRequest.builder("w1").workerTypes("mock").build())
                .toCompletableFuture().get();
        assertEquals(1, claimed.size());
        assertEquals(JobStatus.CLAIMED, claimed.get(0).status());
        assertEquals(JobStatus.IN_PROGRESS, queue.transitions().start(id, "w1").status());
        Job done = queue.transitions().complete(id, "w1", new JobResult("{\"ok\":true}"));
        assertEquals(JobStatus.COMPLETED, done.status());
        Job read = queue.reads().get(id, Consistency.LINEARIZABLE).orElseThrow();
        assertEquals(1, read.attempts().size());
        assertEquals(AttemptOutcome.COMPLETED, read.attempts().get(0).outcome());
        assertTrue(read.attempts().get(0).started().isPresent());
        assertEquals(1, queue.reads().stats().count(JobStatus.COMPLETED));
    }

    @Test
    public void aClaimThatStartsTheJobRecordsBothTransitionsInOrder() throws Exception {
        JobQueue queue = fixture.queue();
        String id = queue.submitter().submit(List.of(JobSubmission.builder("{}").workerTypes("mock").build()))
                .get(0).jobId();
        List<Job> claimed = queue.claims().claim(ClaimRequest.builder("w1").workerTypes("mock").startsOnClaim(true)
                .build()).toCompletableFuture().get();
        assertEquals(JobStatus.IN_PROGRESS, claimed.get(0).status());
        assertTrue(claimed.get(0).startedAt().isPresent());

        Job read = queue.reads().get(id, Consistency.LINEARIZABLE).orElseThrow();
        assertEquals(JobStatus.IN_PROGRESS, read.status());
        assertEquals(1, read.attempts().size());
        assertTrue(read.attempts().get(0).started().isPresent());
        assertEquals(1, queue.reads().stats().count(JobStatus.IN_PROGRESS));
        assertEquals(0, queue.reads().stats().count(JobStatus.PENDING));
        assertEquals(0, queue.reads().stats().count(JobStatus.CLAIMED));
        assertEquals(List.of("SUBMITTED Pending <- null", "CLAIMED Claimed <- Pending", "STARTED InProgress <- Claimed"),
                events(queue, id));

        // The holder then reports as it would after a separate start.
        assertEquals(JobStatus.COMPLETED, queue.transitions().complete(id, "w1", new JobResult("{}")).status());
    }

    private static List<String> events(JobQueue queue, String jobId) {
        return queue.context().database().read(Consistency.LINEARIZABLE, connection -> {
            List<String> events = new java.util.ArrayList<>();
            try (var query = connection.prepareStatement(
                    "SELECT topic, status, previous_status FROM events WHERE job_id = ? ORDER BY seq")) {
                query.setString(1, jobId);
                try (var row = query.executeQuery()) {
                    while (row.next()) {
                        events.add(row.getString(1).substring("blixard/job/".length()) + " " + row.getString(2)
                                + " <- " + row.getString(3));
                    }
                }
            }
            return events;
        });
    }
}
