package dev.blixard.core.placement;

import static dev.blixard.core.placement.Placements.ids;
import static dev.blixard.core.placement.Placements.job;
import static dev.blixard.core.placement.Placements.worker;
import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import java.util.List;
import org.junit.Test;

public class BestFitAllocatorTest {
    private final BestFitAllocator allocator = new BestFitAllocator();

    @Test
    public void prefersTheJobThatLeavesLeastFree() {
        List<Job> candidates = List.of(job("small", new Resources(1, 1024, 0)), job("big", new Resources(3, 3072, 0)),
                job("medium", new Resources(2, 2048, 0)));

        assertEquals(List.of("big"), ids(allocator.allocate(worker(4, new Resources(4, 4096, 0)), candidates, 1)));
    }

    @Test
    public void reEvaluatesAfterEachPick() {
        List<Job> candidates = List.of(job("small", new Resources(1, 0, 0)), job("big", new Resources(3, 0, 0)),
                job("medium", new Resources(2, 0, 0)));

        // big leaves 1 free; then only small fits.
        assertEquals(List.of("big", "small"), ids(allocator.allocate(worker(4, new Resources(4, 0, 0)), candidates,
                4)));
    }

    @Test
    public void scoresAreNormalisedOverTheLimitedDimensions() {
        // cpu-heavy takes 3/4 of the CPU and 1/8 of the memory: leftover (0.25 + 0.875) / 2 = 0.5625.
        // mem-heavy takes 1/4 of the CPU and 7/8 of the memory: leftover (0.75 + 0.125) / 2 = 0.4375.
        List<Job> candidates = List.of(job("cpu-heavy", new Resources(3, 1024, 0)),
                job("mem-heavy", new Resources(1, 7168, 0)));

        assertEquals(List.of("mem-heavy", "cpu-heavy"), ids(allocator.allocate(worker(4, new Resources(4, 8192, 0)),
                candidates, 4)));
    }

    @Test
    public void tiesKeepQueueOrder() {
        List<Job> candidates = List.of(job("first", new Resources(2, 0, 0)), job("second", new Resources(2, 0, 0)),
                job("third", new Resources(2, 0, 0)));

        assertEquals(List.of("first", "second"), ids(allocator.allocate(worker(4, new Resources(4, 0, 0)), candidates,
                4)));
    }

    @Test
    public void jobsWithoutRequestsComeAfterThoseThatPack() {
        List<Job> candidates = List.of(job("free-1"), job("packs", new Resources(1, 0, 0)), job("free-2"),
                job("memory-only", new Resources(0, 512, 0)));

        // Only CPU is limited, so a memory request does not pack either.
        assertEquals(List.of("packs", "free-1", "free-2", "memory-only"),
                ids(allocator.allocate(worker(8, new Resources(2, 0, 0)), candidates, 8)));
    }

    @Test
    public void onAnUnlimitedWorkerItIsQueueOrder() {
        List<Job> candidates = List.of(job("a", new Resources(1, 0, 0)), job("b", new Resources(3, 0, 0)), job("c"));

        assertEquals(List.of("a", "b"), ids(allocator.allocate(worker(8, Resources.NONE), candidates, 2)));
    }

    @Test
    public void nothingFitsNothingChosen() {
        assertEquals(List.of(), allocator.allocate(worker(8, new Resources(1, 0, 0)),
                List.of(job("a", new Resources(2, 0, 0))), 8));
    }
}
