package dev.blixard.api.plugin;

import dev.blixard.api.job.Job;
import dev.blixard.api.worker.Worker;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A placement strategy (best fit, spread, first fit, label affinity…). When a worker claims, core reads
 * the claimable jobs in queue order and asks the allocator with the highest {@code service.ranking} which
 * of them this worker should take. Replaceable at runtime: the next claim uses the new best.
 *
 * <p>Must be deterministic for its inputs and fast: it runs on every claim.
 */
@ConsumerType
public interface ResourceAllocator extends Plugin {

    /**
     * @param worker the claiming worker, with its free slots, resources and labels
     * @param candidates claimable jobs in queue order (priority, then age)
     * @param maxJobs the most jobs to choose
     * @return the jobs the worker should take, in the order to take them; a subset of {@code candidates}
     */
    List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs);

    /** Forgets a reservation made for {@code jobId}, once the job has finished or gone back to the queue. */
    default void deallocate(String jobId) {
    }
}
