package dev.blixard.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing and where the next one starts.
 *
 * @param <T> the listed type
 * @param items the items of this page, in the requested order
 * @param nextCursor an opaque cursor to pass to get the next page; {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** @return the cursor of the next page, if there is one */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
