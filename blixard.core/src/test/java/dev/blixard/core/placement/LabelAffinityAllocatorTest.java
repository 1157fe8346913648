package dev.blixard.core.placement;

import static dev.blixard.core.placement.Placements.ids;
import static dev.blixard.core.placement.Placements.job;
import static dev.blixard.core.placement.Placements.worker;
import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class LabelAffinityAllocatorTest {
    private final LabelAffinityAllocator allocator = new LabelAffinityAllocator();
    private final Worker euGpu = worker(8, Resources.NONE, Map.of("zone", "eu", "gpu", "a100"));

    @Test
    public void requiredLabelsAreHardConstraints() {
        List<Job> candidates = List.of(job("any"), job("eu", Map.of("require.zone", "eu")),
                job("us", Map.of("require.zone", "us")), job("eu-gpu", Map.of("require.zone", "eu", "require.gpu", "a100")),
                job("eu-ssd", Map.of("require.zone", "eu", "require.disk", "ssd")));

        assertEquals(List.of("any", "eu", "eu-gpu"), ids(allocator.allocate(euGpu, candidates, 8)));
    }

    @Test
    public void jobsPreferringThisWorkerComeFirstInQueueOrder() {
        List<Job> candidates = List.of(job("plain-1"), job("wants-us", Map.of("prefer.zone", "us")),
                job("wants-eu", Map.of("prefer.zone", "eu")), job("plain-2"),
                job("wants-gpu", Map.of("prefer.gpu", "a100", "prefer.zone", "eu")),
                job("half", Map.of("prefer.gpu", "a100", "prefer.zone", "us")));

        assertEquals(List.of("wants-eu", "wants-gpu", "plain-1", "wants-us", "plain-2", "half"),
                ids(allocator.allocate(euGpu, candidates, 8)));
        assertEquals(List.of("wants-eu", "wants-gpu"), ids(allocator.allocate(euGpu, candidates, 2)));
    }

    @Test
    public void otherLabelsAreIgnored() {
        assertEquals(List.of("team"), ids(allocator.allocate(euGpu, List.of(job("team", Map.of("team", "ml"))), 8)));
    }

    @Test
    public void resourcesAreRespected() {
        Worker small = worker(8, new Resources(2, 0, 0), Map.of("zone", "eu"));
        List<Job> candidates = List.of(
                job("plain", JobSubmission.builder("{}").resources(new Resources(1, 0, 0))),
                job("wants-eu-big", JobSubmission.builder("{}").labels(Map.of("prefer.zone", "eu"))
                        .resources(new Resources(4, 0, 0))),
                job("wants-eu", JobSubmission.builder("{}").labels(Map.of("prefer.zone", "eu"))
                        .resources(new Resources(2, 0, 0))));

        assertEquals(List.of("wants-eu"), ids(allocator.allocate(small, candidates, 8)));
    }
}
