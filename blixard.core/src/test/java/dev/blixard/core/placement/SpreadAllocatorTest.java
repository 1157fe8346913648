package dev.blixard.core.placement;

import static dev.blixard.core.placement.Placements.ids;
import static dev.blixard.core.placement.Placements.job;
import static dev.blixard.core.placement.Placements.worker;
import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SpreadAllocatorTest {
    private final SpreadAllocator allocator = new SpreadAllocator(SpreadAllocator.DEFAULT_MAX_SHARE);

    private final List<Job> burst = List.of(job("a1", "alpha"), job("a2", "alpha"), job("a3", "alpha"),
            job("a4", "alpha"), job("b1", "beta"), job("c1", "gamma"), job("b2", "beta"));

    @Test
    public void tenantsTakeTurnsInTheOrderTheyFirstQueue() {
        assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "a3", "a4"),
                ids(SpreadAllocator.roundRobinByTenant(burst)));
    }

    @Test
    public void aClaimTakesAtMostHalfTheFreeSlots() {
        assertEquals(List.of("a1", "b1", "c1", "a2"), ids(allocator.allocate(worker(8, Resources.NONE), burst, 8)));
        // 3 free slots: half is 1.5, rounded down.
        assertEquals(List.of("a1"), ids(allocator.allocate(worker(3, Resources.NONE), burst, 3)));
    }

    @Test
    public void theShareCountsFreeNotDeclaredSlots() {
        assertEquals(List.of("a1", "b1"), ids(allocator.allocate(worker(8, 4, Resources.NONE, Map.of()), burst, 4)));
    }

    @Test
    public void aClaimTakesAtLeastOneJob() {
        assertEquals(List.of("a1"), ids(allocator.allocate(worker(1, Resources.NONE), burst, 1)));
    }

    @Test
    public void maxJobsStillCaps() {
        assertEquals(List.of("a1", "b1"), ids(allocator.allocate(worker(100, Resources.NONE), burst, 2)));
    }

    @Test
    public void theShareIsConfigurable() {
        SpreadAllocator whole = new SpreadAllocator(1.0);
        SpreadAllocator quarter = new SpreadAllocator(0.25);

        assertEquals(7, whole.allocate(worker(8, Resources.NONE), burst, 8).size());
        assertEquals(2, quarter.allocate(worker(8, Resources.NONE), burst, 8).size());
        assertEquals("0.5", new SpreadAllocator(7).health().details().get("max_share"));
    }

    @Test
    public void resourcesAreRespected() {
        List<Job> candidates = List.of(
                job("a1", JobSubmission.builder("{}").tenant("alpha").resources(new Resources(3, 0, 0))),
                job("b1", JobSubmission.builder("{}").tenant("beta").resources(new Resources(2, 0, 0))),
                job("a2", JobSubmission.builder("{}").tenant("alpha").resources(new Resources(1, 0, 0))),
                job("b2", JobSubmission.builder("{}").tenant("beta").resources(new Resources(1, 0, 0))));

        assertEquals(List.of("a1", "a2"), ids(allocator.allocate(worker(8, new Resources(4, 0, 0)), candidates, 8)));
    }
}
