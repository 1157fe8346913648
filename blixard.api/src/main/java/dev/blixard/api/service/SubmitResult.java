package dev.blixard.api.service;

import java.util.Objects;

/**
 * The answer to a submit.
 *
 * @param jobId the job's id
 * @param created {@code true} when this submit created the job, {@code false} when an earlier submit with
 *        the same idempotency key did and this one returned it
 */
public record SubmitResult(String jobId, boolean created) {

    public SubmitResult {
        Objects.requireNonNull(jobId, "jobId");
    }
}
