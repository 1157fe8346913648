package dev.blixard.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The health of one component at one moment: a state, a sentence a person can act on, and details
 * (versions, counts, reasons) as text.
 *
 * @param state how well the component works
 * @param message a short explanation, especially when not {@link HealthState#UP}
 * @param details further facts, for example {@code engine.version}; never {@code null}
 * @param checkedAt when this was observed
 */
public record Health(HealthState state, String message, Map<String, String> details, Instant checkedAt) {

    public Health {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(Objects.requireNonNull(details, "details"));
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** @return a healthy state observed now */
    public static Health up(String message) {
        return new Health(HealthState.UP, message, Map.of(), Instant.now());
    }

    /** @return a degraded state observed now */
    public static Health degraded(String message) {
        return new Health(HealthState.DEGRADED, message, Map.of(), Instant.now());
    }

    /** @return an unusable state observed now */
    public static Health down(String message) {
        return new Health(HealthState.DOWN, message, Map.of(), Instant.now());
    }

    /** @return a copy with {@code details} as its details */
    public Health withDetails(Map<String, String> details) {
        return new Health(state, message, details, checkedAt);
    }
}
