package dev.blixard.api.service;

import dev.blixard.api.Page;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.QueueStats;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Everything that reads the job queue. Reads never change anything. */
@ProviderType
public interface JobQueryService {

    /**
     * @param consistency {@link ReadConsistency#LINEARIZABLE} to see every acknowledged write, for example
     *        right after a submit
     * @return the job with its attempt history, if it exists
     */
    Optional<Job> get(String jobId, ReadConsistency consistency);

    /** @return one page of jobs, from this node's replica */
    Page<Job> list(JobQuery query);

    /** @return a summary of the queue, from this node's replica */
    QueueStats stats();
}
