package dev.blixard.api.job;

import java.util.Objects;
import java.util.Optional;

/**
 * The unsuccessful outcome of one attempt, as its worker reports it.
 *
 * @param error what went wrong, in words a person can act on
 * @param retryable whether another attempt may succeed; a non-retryable failure dead-letters the job at
 *        once, a retryable one is retried after its backoff while attempts remain
 * @param details further facts as JSON text (exit code, output tail), or {@code null}
 */
public record JobFailure(String error, boolean retryable, String details) {

    public JobFailure {
        Objects.requireNonNull(error, "error");
        if (error.isBlank()) {
            throw new IllegalArgumentException("a failure needs an error message");
        }
    }

    /** A failure that another attempt may fix. */
    public static JobFailure retryable(String error) {
        return new JobFailure(error, true, null);
    }

    /** A failure that no further attempt can fix. */
    public static JobFailure permanent(String error) {
        return new JobFailure(error, false, null);
    }

    /** @return the details as JSON text, if any */
    public Optional<String> detailsJson() {
        return Optional.ofNullable(details);
    }
}
