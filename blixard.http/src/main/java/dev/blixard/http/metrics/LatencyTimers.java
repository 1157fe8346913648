package dev.blixard.http.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Timers with Blixard's latency buckets: 1 ms to 10 min, about three per decade, as a Prometheus histogram. */
final class LatencyTimers {
    private static final long[] BUCKET_MILLIS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
        30_000, 60_000, 120_000, 300_000, 600_000};

    private LatencyTimers() {
    }

    /** @return a timer builder named {@code name} with the latency buckets */
    static Timer.Builder builder(String name, String description) {
        Duration[] bounds = new Duration[BUCKET_MILLIS.length];
        for (int i = 0; i < BUCKET_MILLIS.length; i++) {
            bounds[i] = Duration.ofMillis(BUCKET_MILLIS[i]);
        }
        return Timer.builder(name).description(description).serviceLevelObjectives(bounds);
    }
}
