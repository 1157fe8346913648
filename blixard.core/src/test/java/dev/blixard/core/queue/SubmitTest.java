package dev.blixard.core.queue;

import static dev.blixard.core.queue.QueueTestSupport.ids;
import static dev.blixard.core.queue.QueueTestSupport.job;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.SubmitResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Submits: idempotency, batches, dependencies. */
public class SubmitTest {
    @Rule
    public final QueueFixture fixture = new QueueFixture();
    private QueueTestSupport queue;
    private JobQueue jobs;

    @Before
    public void setUp() {
        queue = new QueueTestSupport(fixture.queue());
        jobs = fixture.queue();
    }

    @Test
    public void aRepeatedIdempotencyKeyReturnsTheFirstJob() {
        SubmitResult first = jobs.submitter().submit(List.of(job("mock").idempotencyKey("order-7").build())).get(0);
        SubmitResult again = jobs.submitter().submit(List.of(job("mock").idempotencyKey("order-7").build())).get(0);
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.jobId(), again.jobId());
        SubmitResult otherTenant = jobs.submitter().submit(
                List.of(job("mock").idempotencyKey("order-7").tenant("acme").build())).get(0);
        assertTrue(otherTenant.created());
        assertEquals(2, jobs.reads().stats().total());
    }

    @Test
    public void aBatchIsAllOrNothing() {
        fixture.validation(submissions -> {
            if (submissions.size() > 1 && submissions.get(1).priority() == 13) {
                throw new InvalidRequestException("jobs[1].priority", "unlucky");
            }
        });
        try {
            jobs.submitter().submit(List.of(job("mock").build(), job("mock").priority(13).build()));
            fail("an invalid batch was accepted");
        } catch (InvalidRequestException expected) {
            assertEquals("jobs[1].priority", expected.violations().get(0).field());
        }
        String known = queue.submit(job("mock"));
        try {
            jobs.submitter().submit(List.of(job("mock").build(),
                    job("mock").dependsOn(List.of(known, "01ZZZZZZZZZZZZZZZZZZZZZZZZ")).build()));
            fail("a batch naming an unknown job was accepted");
        } catch (InvalidRequestException expected) {
            assertEquals("jobs[1].depends_on[1]", expected.violations().get(0).field());
        }
        assertEquals("only the single valid job exists", 1, jobs.reads().stats().total());
    }

    @Test
    public void laterJobsOfABatchMayDependOnEarlierOnes() {
        List<SubmitResult> results = jobs.submitter().submit(List.of(job("mock").build(),
                job("mock").dependsOn(List.of("batch:0")).build()));
        String parent = results.get(0).jobId();
        String child = results.get(1).jobId();
        assertEquals(List.of(parent), queue.get(child).spec().dependsOn());
        assertEquals(List.of(parent), ids(queue.claim("w", 10, "mock")));
    }

    @Test
    public void selfAndForwardBatchReferencesAreCyclesAndRefused() {
        for (String reference : List.of("batch:0", "batch:1", "batch:x")) {
            try {
                jobs.submitter().submit(List.of(job("mock").dependsOn(List.of(reference)).build()));
                fail(reference + " was accepted");
            } catch (InvalidRequestException expected) {
                assertEquals("depends_on[0]", expected.violations().get(0).field());
            }
        }
        assertEquals(0, jobs.reads().stats().total());
    }

    @Test
    public void anAsynchronousSubmitCompletesOnceTheJobsAreStored() {
        List<SubmitResult> results = jobs.submitter().submitAsync(List.of(job("mock").build(),
                job("mock").dependsOn(List.of("batch:0")).build())).toCompletableFuture().join();

        assertTrue(results.get(0).created());
        assertEquals(List.of(results.get(0).jobId()), queue.get(results.get(1).jobId()).spec().dependsOn());
        assertEquals(JobStatus.PENDING, queue.get(results.get(0).jobId()).status());
    }

    @Test
    public void anAsynchronousSubmitRefusesThroughItsStageAndStoresNothing() {
        fixture.validation(submissions -> {
            if (submissions.get(0).priority() == 13) {
                throw new InvalidRequestException("priority", "unlucky");
            }
        });
        assertRefused(List.of(job("mock").priority(13).build()), "priority");
        assertRefused(List.of(), "jobs");
        assertRefused(List.of(job("mock").dependsOn(List.of("batch:0")).build()), "depends_on[0]");
        assertRefused(List.of(job("mock").dependsOn(List.of("01ZZZZZZZZZZZZZZZZZZZZZZZZ")).build()), "depends_on[0]");
        assertEquals(0, jobs.reads().stats().total());
    }

    @Test
    public void asynchronousSubmitsKeepIdempotencyKeysAndOutsideDependencies() {
        SubmitResult first = jobs.submitter().submitAsync(List.of(job("mock").idempotencyKey("order-8").build()))
                .toCompletableFuture().join().get(0);
        SubmitResult again = jobs.submitter().submitAsync(List.of(job("mock").idempotencyKey("order-8").build()))
                .toCompletableFuture().join().get(0);
        SubmitResult child = jobs.submitter().submitAsync(List.of(job("mock").dependsOn(List.of(first.jobId())).build()))
                .toCompletableFuture().join().get(0);

        assertFalse(again.created());
        assertEquals(first.jobId(), again.jobId());
        assertEquals(List.of(first.jobId()), queue.get(child.jobId()).spec().dependsOn());
        assertEquals(2, jobs.reads().stats().total());
    }

    private void assertRefused(List<JobSubmission> submissions, String field) {
        CompletableFuture<List<SubmitResult>> stage = jobs.submitter().submitAsync(submissions).toCompletableFuture();
        try {
            stage.join();
            fail(submissions + " was accepted");
        } catch (CompletionException expected) {
            InvalidRequestException refusal = (InvalidRequestException) expected.getCause();
            assertEquals(field, refusal.violations().get(0).field());
        }
    }

    @Test
    public void aFailedParentFailsEveryDescendantWithTheReason() {
        String parent = queue.submit(job("mock").maxAttempts(1));
        String child = queue.submit(job("mock").dependsOn(List.of(parent)));
        String grandchild = queue.submit(job("mock").dependsOn(List.of(child)));
        String unrelated = queue.submit(job("other"));
        queue.claim("w", 1, "mock");
        jobs.transitions().fail(parent, "w", new JobFailure("broken", false, null));
        assertEquals(JobStatus.FAILED, queue.get(child).status());
        assertEquals("dependency " + parent + " is Failed", queue.get(child).error().orElseThrow());
        assertEquals(JobStatus.FAILED, queue.get(grandchild).status());
        assertEquals(JobStatus.PENDING, queue.get(unrelated).status());
        assertEquals(List.of("SUBMITTED", "FAILED"), queue.eventsOf(grandchild));
        // A job submitted later on a failed parent can never run either.
        String late = queue.submit(job("mock").dependsOn(List.of(parent)));
        assertEquals(JobStatus.FAILED, queue.get(late).status());
        assertEquals(0, queue.readyRows(late));
        assertEquals(4, jobs.reads().stats().count(JobStatus.FAILED));
    }

    @Test
    public void aCancelledParentFailsItsChildren() {
        String parent = queue.submit(job("mock"));
        String child = queue.submit(job("mock").dependsOn(List.of(parent)));
        jobs.transitions().cancel(parent, "not needed");
        assertEquals(JobStatus.FAILED, queue.get(child).status());
        assertEquals("dependency " + parent + " is Cancelled", queue.get(child).error().orElseThrow());
    }

    @Test
    public void statsCountByStatusAndWorkerType() {
        queue.submit(job("mock"));
        queue.submit(job("mock", "wasm"));
        queue.submit(job());
        queue.claim("w", 1, "wasm");
        var stats = jobs.reads().stats();
        assertEquals(2, stats.count(JobStatus.PENDING));
        assertEquals(1, stats.count(JobStatus.CLAIMED));
        assertEquals(2, stats.byWorkerType().get("mock").values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1, (long) stats.byWorkerType().get("wasm").get(JobStatus.CLAIMED));
        assertEquals(1, (long) stats.byWorkerType().get("*").get(JobStatus.PENDING));
        assertTrue(stats.oldestPending().isPresent());
    }

    @Test
    public void pagesFollowTheSortWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            queue.submit(job("mock").priority(i % 3));
        }
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        String cursor = null;
        int previousPriority = Integer.MAX_VALUE;
        do {
            dev.blixard.api.job.JobQuery.Builder query = dev.blixard.api.job.JobQuery.builder()
                    .sort(dev.blixard.api.job.JobSort.PRIORITY, dev.blixard.api.job.SortOrder.DESC).limit(3);
            if (cursor != null) {
                query.cursor(cursor);
            }
            var page = jobs.reads().list(query.build());
            for (var job : page.items()) {
                assertTrue(seen.add(job.id()));
                assertTrue(job.spec().priority() <= previousPriority);
                previousPriority = job.spec().priority();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(7, seen.size());
        assertEquals(0, jobs.reads().list(dev.blixard.api.job.JobQuery.builder().status(JobStatus.COMPLETED).build())
                .items().size());
    }

    @Test
    public void eventsFollowCauseThenEffect() {
        String parent = queue.submit(job("mock").maxAttempts(1));
        String child = queue.submit(job("mock").dependsOn(List.of(parent)));
        queue.claim("w", 1, "mock");
        jobs.transitions().fail(parent, "w", new JobFailure("broken", false, null));
        String late = queue.submit(job("mock").dependsOn(List.of(parent)));
        List<String> order = jobs.context().database().read(dev.blixard.store.Consistency.LINEARIZABLE, connection -> {
            List<String> events = new java.util.ArrayList<>();
            try (var query = connection.prepareStatement("SELECT job_id, topic FROM events WHERE topic LIKE"
                    + " '%FAILED' OR (job_id = ? AND topic LIKE '%SUBMITTED') ORDER BY seq")) {
                query.setString(1, late);
                try (var row = query.executeQuery()) {
                    while (row.next()) {
                        events.add(row.getString(1) + " " + row.getString(2).substring("blixard/job/".length()));
                    }
                }
            }
            return events;
        });
        assertEquals(List.of(parent + " FAILED", child + " FAILED", late + " SUBMITTED", late + " FAILED"), order);
        assertEquals(3, jobs.reads().stats().count(JobStatus.FAILED));
        assertEquals(0, jobs.reads().stats().count(JobStatus.PENDING));
    }
}
