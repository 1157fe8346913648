package dev.blixard.core.service;

import dev.blixard.api.Page;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.ReadConsistency;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.store.Consistency;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link JobQueryService} over the node's queue. */
@Component
public final class JobQueryServiceComponent implements JobQueryService {
    private final JobQueue queue;

    @Activate
    public JobQueryServiceComponent(@Reference QueueComponent queue) {
        this(queue.queue());
    }

    /** Over the queue; a factory, not a constructor, so that DS sees only the constructor it activates. */
    private JobQueryServiceComponent(JobQueue queue) {
        this.queue = queue;
    }

    /** @return the service over a queue opened without OSGi (tests, the benchmark) */
    public static JobQueryServiceComponent over(JobQueue queue) {
        return new JobQueryServiceComponent(queue);
    }

    @Override
    public Optional<Job> get(String jobId, ReadConsistency consistency) {
        return queue.reads().get(jobId, consistency == ReadConsistency.LINEARIZABLE ? Consistency.LINEARIZABLE
                : Consistency.LOCAL);
    }

    @Override
    public Page<Job> list(JobQuery query) {
        return queue.reads().list(query);
    }

    @Override
    public QueueStats stats() {
        return queue.reads().stats();
    }
}
