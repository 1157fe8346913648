package dev.blixard.core.placement;

import static dev.blixard.core.placement.Placements.ids;
import static dev.blixard.core.placement.Placements.job;
import static dev.blixard.core.placement.Placements.worker;
import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import java.util.List;
import org.junit.Test;

public class FirstFitAllocatorTest {
    private final FirstFitAllocator allocator = new FirstFitAllocator();

    @Test
    public void takesJobsInQueueOrderUpToMaxJobs() {
        List<Job> candidates = List.of(job("a"), job("b"), job("c"), job("d"));

        assertEquals(List.of("a", "b", "c"), ids(allocator.allocate(worker(8, Resources.NONE), candidates, 3)));
        assertEquals(List.of(), allocator.allocate(worker(8, Resources.NONE), candidates, 0));
    }

    @Test
    public void skipsJobsThatDoNotFitWhatIsStillFree() {
        List<Job> candidates = List.of(job("a", new Resources(2, 1024, 0)), job("b", new Resources(3, 0, 0)),
                job("c", new Resources(1, 512, 0)), job("d", new Resources(1, 1024, 0)));

        assertEquals(List.of("a", "c"), ids(allocator.allocate(worker(8, new Resources(3, 2048, 0)), candidates, 8)));
    }

    @Test
    public void aZeroInTheWorkerMeansUnlimitedAndAZeroInTheJobMeansNoRequest() {
        List<Job> candidates = List.of(job("a", new Resources(0, 1 << 30, 1 << 30)), job("b", new Resources(4, 0, 0)),
                job("c", new Resources(0.5, 0, 0)));

        // Only CPU is limited: memory and disk requests always fit; b needs more CPU than is free.
        assertEquals(List.of("a", "c"), ids(allocator.allocate(worker(8, new Resources(1, 0, 0)), candidates, 8)));
    }

    @Test
    public void fractionalCpuAddsUpExactly() {
        List<Job> candidates = List.of(job("a", new Resources(0.1, 0, 0)), job("b", new Resources(0.1, 0, 0)),
                job("c", new Resources(0.1, 0, 0)), job("d", new Resources(0.1, 0, 0)));

        assertEquals(List.of("a", "b", "c"), ids(allocator.allocate(worker(8, new Resources(0.3, 0, 0)), candidates,
                8)));
    }

    @Test
    public void describesItself() {
        assertEquals("blixard.allocator.firstfit", allocator.metadata().name());
    }
}
