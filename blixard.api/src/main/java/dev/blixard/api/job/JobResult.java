package dev.blixard.api.job;

import java.util.Objects;

/**
 * The successful outcome of a job, as its worker reports it.
 *
 * @param json the result document as JSON text (any JSON value; {@code null} is the text {@code "null"})
 */
public record JobResult(String json) {
    /** A success with no document. */
    public static final JobResult EMPTY = new JobResult("null");

    public JobResult {
        Objects.requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new IllegalArgumentException("a result is a JSON value, not empty text");
        }
    }
}
