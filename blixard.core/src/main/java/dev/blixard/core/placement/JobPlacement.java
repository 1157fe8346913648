package dev.blixard.core.placement;

import dev.blixard.api.job.Job;
import dev.blixard.api.worker.Worker;
import java.util.List;

/**
 * Chooses which claimable jobs a claiming worker takes, by asking the highest-ranked
 * {@link dev.blixard.api.plugin.ResourceAllocator}. Policy only: the claim that follows is a
 * compare-and-set in the store, so a choice made on a stale view loses nothing.
 */
public interface JobPlacement {

    /**
     * @param worker the claiming worker; its {@code registration().resources()} are its <em>free</em>
     *        resources (what it declared minus what its running jobs requested; 0 = not limited) and
     *        {@code freeSlots()} its free capacity
     * @param candidates claimable jobs in queue order (priority, then age)
     * @param maxJobs the most jobs to choose (already capped at the worker's free slots)
     * @return the chosen jobs, a subset of {@code candidates}, in the order to take them
     */
    List<Job> choose(Worker worker, List<Job> candidates, int maxJobs);

    /** Tells the allocator that {@code jobId} finished or went back to the queue. */
    void released(String jobId);

    /** @return the name of the allocator that decides now, for health and the console */
    String activeAllocator();
}
