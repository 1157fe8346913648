package dev.blixard.api.backend;

import java.time.Instant;
import java.util.Objects;

/**
 * Identifies one execution on one backend.
 *
 * @param executionId unique within the backend instance
 * @param backendType the backend's type, for example {@code local}
 * @param jobId the job being executed
 * @param attempt the job's attempt number
 * @param submittedAt when the backend accepted it
 */
public record ExecutionHandle(String executionId, String backendType, String jobId, int attempt,
        Instant submittedAt) {

    public ExecutionHandle {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(backendType, "backendType");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
