package dev.blixard.http.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code blixard_claim_duration_seconds{long_poll,outcome}}: the REST API's claims on this node, timed from the
 * handler receiving the parsed claim to its answer being ready. Long polls ({@code long_poll="true"}) include
 * their wait for jobs; the others show the queue's own claim time.
 */
final class ClaimMeters implements ClaimTimer {
    private final MeterRegistry registry;

    ClaimMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Stop start(boolean longPoll) {
        Timer.Sample sample = Timer.start(registry);
        return outcome -> sample.stop(timer(longPoll, outcome));
    }

    private Timer timer(boolean longPoll, Outcome outcome) {
        return LatencyTimers.builder("blixard.claim.duration",
                "REST claims on this node, from the parsed request to the answer; long polls include their wait")
                .tag("long_poll", String.valueOf(longPoll)).tag("outcome", outcome.label()).register(registry);
    }
}
