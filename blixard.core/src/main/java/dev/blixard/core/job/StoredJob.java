package dev.blixard.core.job;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import java.util.List;

/**
 * A job as stored: the API's view plus what only core needs to change it safely.
 *
 * @param job the job
 * @param version the row's version; every change is a compare-and-set on it
 * @param failures attempts that count against {@code max_attempts} (failures and lapsed leases, not releases)
 * @param leaseMs the lease length its holder claimed with, which heartbeats renew; 0 when not leased
 */
public record StoredJob(Job job, long version, int failures, long leaseMs) {

    /** @return the same job with its attempt history */
    public StoredJob withAttempts(List<JobAttempt> attempts) {
        return new StoredJob(job.toBuilder().attempts(attempts).build(), version, failures, leaseMs);
    }

    /** @return what a life-cycle decision needs of it */
    public JobState state() {
        return new JobState(job.id(), job.status(), job.workerId().orElse(null), job.attempt(), failures, version,
                job.spec().maxAttempts(), job.spec().backoff());
    }

    /** @return the job's id */
    public String id() {
        return job.id();
    }
}
