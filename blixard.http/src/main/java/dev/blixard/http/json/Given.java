package dev.blixard.http.json;

import java.util.function.Consumer;

/**
 * Passes a request field to an API builder only when the caller sent it, so that an absent field keeps the
 * builder's default instead of becoming an explicit {@code null}.
 */
final class Given {

    private Given() {
    }

    static <T> void set(T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
