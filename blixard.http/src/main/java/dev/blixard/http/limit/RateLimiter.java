package dev.blixard.http.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a bearer token's id): each key may make {@code burst} requests at once and
 * {@code perSecond} on average. Thread-safe; the clock is injected so that tests need no sleeps. Once there are
 * many keys, buckets that have filled up again are forgotten (at most once per time a bucket takes to fill),
 * so revoked tokens do not pile up.
 */
public final class RateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SWEEP_ABOVE = 10_000;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long fillNanos;
    private volatile long sweptAt;

    /**
     * @param perSecond the average rate allowed per key; 0 or less turns limiting off
     * @param burst how many requests a key may make at once (at least 1)
     * @param nanoClock a monotonic clock in nanoseconds, {@link System#nanoTime} in production
     */
    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond > 0 ? perSecond / NANOS_PER_SECOND : 0;
        this.burst = Math.max(1, burst);
        this.nanoClock = nanoClock;
        this.fillNanos = perNano > 0 ? (long) Math.ceil(this.burst / perNano) : 0;
        this.sweptAt = nanoClock.getAsLong();
    }

    /** @return whether this limiter limits anything */
    public boolean isOn() {
        return perNano > 0;
    }

    /**
     * Takes one request from {@code key}'s bucket.
     *
     * @return {@link Duration#ZERO} when the request may go ahead, else how long until it would
     */
    public Duration acquire(String key) {
        if (!isOn()) {
            return Duration.ZERO;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE && now - sweptAt >= fillNanos) {
            sweptAt = now;
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    /** @return how many keys have a bucket now */
    int keys() {
        return buckets.size();
    }

    /** A key's bucket: its tokens as of its last refill. */
    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Duration take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * perNano);
                refilledAt = now;
            }
        }
    }
}
