package dev.blixard.core.queue;

import static dev.blixard.core.queue.QueueTestSupport.ids;
import static dev.blixard.core.queue.QueueTestSupport.job;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.WorkerRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Which jobs a claim gets, and in what order. */
public class ClaimOrderTest {
    @Rule
    public final QueueFixture fixture = new QueueFixture();
    private QueueTestSupport queue;

    @Before
    public void setUp() {
        queue = new QueueTestSupport(fixture.queue());
    }

    @Test
    public void highestPriorityFirstThenFirstInFirstOut() {
        String low = queue.submit(job("mock").priority(-5));
        String first = queue.submit(job("mock"));
        String urgent = queue.submit(job("mock").priority(10));
        String second = queue.submit(job("mock"));
        assertEquals(List.of(urgent, first, second, low), ids(queue.claim("w", 10, "mock")));
    }

    @Test
    public void aClaimTakesAtMostMaxJobsAndLeavesTheRest() {
        for (int i = 0; i < 5; i++) {
            queue.submit(job("mock"));
        }
        assertEquals(2, queue.claim("w1", 2, "mock").size());
        assertEquals(3, queue.claim("w2", 10, "mock").size());
        assertEquals(0, queue.claim("w3", 10, "mock").size());
    }

    @Test
    public void liveWorkersOfTheSameTypeEachClaimTheirOwnSliceOfTheQueuesHead() {
        List<String> jobs = twelveMockJobs();
        for (String worker : List.of("w1", "w2", "w3")) {
            fixture.queue().workers().register(WorkerRegistration.builder(worker).workerTypes("mock").capacity(100).build());
        }
        // Another type, or silent: not a competitor.
        fixture.queue().workers().register(WorkerRegistration.builder("w0-other").workerTypes("wasm").build());

        // The third of three takes the last third, so members planning on replicas a moment apart do not all
        // reach for the same jobs; what is left is a short list, which the next claim takes whole.
        assertEquals(jobs.subList(8, 12), ids(queue.claim("w3", 100, "mock")));
        assertEquals(jobs.subList(0, 8), ids(queue.claim("w1", 100, "mock")));
        assertEquals(List.of(), ids(queue.claim("w2", 100, "mock")));
    }

    @Test
    public void aSilentWorkerLeavesNoSliceBehind() {
        List<String> jobs = twelveMockJobs();
        fixture.queue().workers().register(WorkerRegistration.builder("w1-silent").workerTypes("mock").capacity(100).build());
        fixture.clock.advance(fixture.queue().context().settings().workerTimeout().plusSeconds(1));
        fixture.queue().workers().register(WorkerRegistration.builder("w2").workerTypes("mock").capacity(100).build());

        assertEquals(jobs, ids(queue.claim("w2", 100, "mock")));
    }

    private List<String> twelveMockJobs() {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(queue.submit(job("mock")));
        }
        return jobs;
    }

    @Test
    public void onlyMatchingWorkerTypesAndAnyTypeJobs() {
        String mock = queue.submit(job("mock"));
        String wasm = queue.submit(job("wasm"));
        String either = queue.submit(job("local", "wasm"));
        String any = queue.submit(job());
        assertEquals("a ready row per type", 2, queue.readyRows(either));
        assertEquals("one row in the any-type range", 1, queue.readyRows(any));
        assertEquals(1, queue.readyRows(mock));
        assertEquals(List.of(wasm, either, any), ids(queue.claim("w", 10, "wasm")));
        assertEquals("a claimed job leaves every range it was in", 0, queue.readyRows(either) + queue.readyRows(any));
        assertEquals(List.of(mock), ids(queue.claim("w2", 10, "mock", "local")));
        assertEquals(0, queue.readyRows(mock));
    }

    @Test
    public void aWorkerOfAnyTypeTakesEverythingOnce() {
        String a = queue.submit(job("a", "b"));
        String b = queue.submit(job("b"));
        assertEquals(List.of(a, b), ids(queue.claim("w", 10)));
    }

    @Test
    public void neverBeforeRunAfter() {
        String later = queue.submit(job("mock").runAfter(fixture.clock.instant().plusSeconds(60)));
        String now = queue.submit(job("mock"));
        assertEquals(List.of(now), ids(queue.claim("w", 10, "mock")));
        fixture.clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(later), ids(queue.claim("w", 10, "mock")));
    }

    @Test
    public void dependentsWaitForEveryParentToComplete() {
        String parent1 = queue.submit(job("mock"));
        String parent2 = queue.submit(job("mock"));
        String child = queue.submit(job("mock").dependsOn(List.of(parent1, parent2)));
        assertEquals(List.of(parent1, parent2), ids(queue.claim("w", 10, "mock")));
        fixture.queue().transitions().complete(parent1, "w", new JobResult("1"));
        assertEquals(List.of(), ids(queue.claim("w", 10, "mock")));
        fixture.queue().transitions().complete(parent2, "w", new JobResult("2"));
        assertEquals(List.of(child), ids(queue.claim("w", 10, "mock")));
    }

    @Test
    public void aDrainingWorkerIsRefused() {
        fixture.queue().workers().register(WorkerRegistration.builder("w").workerTypes("mock").build());
        fixture.queue().workers().drain("w");
        queue.submit(job("mock"));
        try {
            queue.claim("w", 1, "mock");
        } catch (AssertionError e) {
            assertTrue(e.getCause().getCause() instanceof ConflictException);
            return;
        }
        throw new AssertionError("a draining worker claimed");
    }

    @Test
    public void aWaitingClaimOfAWorkerThatIsDrainedEndsAtOnceNotAtItsDeadline() throws Exception {
        fixture.queue().workers().register(WorkerRegistration.builder("w").workerTypes("mock").build());
        java.util.concurrent.CompletableFuture<List<Job>> waiting = fixture.queue().claims()
                .claim(dev.blixard.api.service.ClaimRequest.builder("w").workerTypes("mock")
                        .waitFor(Duration.ofSeconds(60)).build())
                .toCompletableFuture();
        assertTrue("nothing queued: the claim waits", !waiting.isDone());
        long drained = System.nanoTime();
        fixture.queue().workers().drain("w");
        try {
            waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
            throw new AssertionError("a drained worker's claim got an answer other than a refusal");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof ConflictException);
        }
        assertTrue("ended within seconds of the drain, not after the 60 s wait",
                System.nanoTime() - drained < Duration.ofSeconds(10).toNanos());
    }

    @Test
    public void capacityAndResourcesOfARegisteredWorkerBoundTheClaim() {
        fixture.queue().workers().register(WorkerRegistration.builder("w").workerTypes("mock").capacity(3)
                .resources(new Resources(2, 0, 0)).build());
        String big = queue.submit(job("mock").resources(new Resources(2, 0, 0)));
        String small = queue.submit(job("mock").resources(new Resources(1, 0, 0)));
        String free1 = queue.submit(job("mock"));
        String free2 = queue.submit(job("mock"));
        // 2 CPUs: the big job fills them, the small one must wait; capacity 3 stops after two more.
        List<Job> first = queue.claim("w", 10, "mock");
        assertEquals(List.of(big, free1, free2), ids(first));
        fixture.queue().transitions().complete(big, "w", new JobResult("{}"));
        assertEquals(List.of(small), ids(queue.claim("w", 10, "mock")));
    }
}
