package dev.blixard.core.job;

import dev.blixard.api.job.Backoff;
import dev.blixard.api.job.JobStatus;
import java.util.Optional;

/**
 * What a life-cycle decision needs to know about a job, and no more: read without the payload, labels or
 * the API's value checks, because every report of every worker reads it.
 *
 * @param id the job's id
 * @param status its status
 * @param workerId the worker holding or last holding it, or {@code null}
 * @param attempt the number of its current or last attempt
 * @param failures attempts that count against {@code maxAttempts}
 * @param version the row's version; every change is a compare-and-set on it
 * @param maxAttempts its retry budget
 * @param backoff its retry delays
 */
public record JobState(String id, JobStatus status, String workerId, int attempt, int failures, long version,
        int maxAttempts, Backoff backoff) {

    /** @return the worker holding or last holding it */
    public Optional<String> worker() {
        return Optional.ofNullable(workerId);
    }
}
