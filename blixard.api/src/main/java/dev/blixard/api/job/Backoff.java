package dev.blixard.api.job;

import dev.blixard.api.internal.Checks;
import java.time.Duration;

/**
 * How long a failed job waits before its next attempt: exponential growth from {@code initial} by
 * {@code multiplier}, capped at {@code max}, with up to {@code jitter} of the delay taken off at random
 * so that many jobs failing together do not retry together.
 *
 * @param initial the delay after the first failed attempt
 * @param max the longest delay
 * @param multiplier the growth per failed attempt, at least 1
 * @param jitter the fraction of the delay that is randomised, in [0, 1]
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
    /** The longest delay a policy may have; declared first because {@link #DEFAULT} is checked against it. */
    static final Duration LONGEST = Duration.ofDays(7);

    /** One second, doubling, at most five minutes, 20 % jitter. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2);

    public Backoff {
        Checks checks = new Checks();
        if (checks.present(initial, "backoff.initial") && checks.present(max, "backoff.max")) {
            checks.check(!initial.isNegative(), "backoff.initial", "must not be negative");
            checks.check(max.compareTo(initial) >= 0, "backoff.max", "must not be shorter than backoff.initial");
            checks.check(max.compareTo(LONGEST) <= 0, "backoff.max", "must be at most " + LONGEST.toDays() + " days");
        }
        checks.check(Double.isFinite(multiplier) && multiplier >= 1 && multiplier <= 100, "backoff.multiplier",
                multiplier + " is out of range [1, 100]");
        checks.check(Double.isFinite(jitter) && jitter >= 0 && jitter <= 1, "backoff.jitter",
                jitter + " is out of range [0, 1]");
        checks.throwIfInvalid();
    }

    /**
     * The delay before the next attempt. Deterministic for a given {@code unitRandom}, so that the caller
     * draws the random number once and a replicated log can carry the result.
     *
     * @param failedAttempts how many attempts have failed so far, at least 1
     * @param unitRandom a number in [0, 1) drawn by the caller
     */
    public Duration delayAfter(int failedAttempts, double unitRandom) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        if (!(unitRandom >= 0 && unitRandom < 1)) {
            throw new IllegalArgumentException("unitRandom must be in [0, 1), was " + unitRandom);
        }
        double grown = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        double capped = Math.min(grown, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * unitRandom)));
    }
}
