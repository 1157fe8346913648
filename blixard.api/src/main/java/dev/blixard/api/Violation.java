package dev.blixard.api;

import java.util.Objects;

/**
 * One problem with one field of a request.
 *
 * @param field the field's name as the caller knows it (for example {@code worker_types[2]}), or an
 *        empty string when the problem concerns the request as a whole
 * @param message what is wrong, in words a person can act on
 */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
