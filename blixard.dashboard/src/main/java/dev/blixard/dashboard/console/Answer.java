package dev.blixard.dashboard.console;

import java.util.function.Supplier;

/**
 * What one call into a backend or plugin gave: its value, or what went wrong. Backends and plugins are
 * third-party code; one that throws from {@code health()} must cost its own cell, not the whole listing.
 *
 * @param value the value, or {@code null} when the call failed
 * @param failure the exception it threw (a {@code null} answer counts as one), or {@code null}
 */
record Answer<T>(T value, Throwable failure) {

    /** Makes the call, keeping whatever it throws. */
    static <T> Answer<T> of(Supplier<T> call) {
        try {
            T value = call.get();
            return value == null ? new Answer<>(null, new IllegalStateException("it returned nothing"))
                    : new Answer<>(value, null);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a service from a bundle being updated can fail to load a class it needs.
            return new Answer<>(null, e);
        }
    }

    /** @return whether the call gave a value */
    boolean ok() {
        return failure == null;
    }
}
