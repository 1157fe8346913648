package dev.blixard.http.metrics;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reading kept for a short time, so that a storm of scrapes reads the store once a second at most. A reader
 * answers {@code null} when its service is not there; a reader that throws counts as no reading (the failure is
 * logged at debug level: scrapes must not flood the log while the store elects a leader).
 */
final class Cached<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Cached.class);

    private final String what;
    private final Supplier<T> reader;
    private final Clock clock;
    private final long ttlNanos;
    private long readAt;
    private boolean read;
    private T value;

    Cached(String what, Supplier<T> reader, Clock clock, Duration ttl) {
        this.what = what;
        this.reader = reader;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
    }

    /** @return the reading, fresh unless one was taken within the time to live; empty when there is none */
    synchronized Optional<T> get() {
        long now = clock.monotonicTime();
        if (!read || now - readAt >= ttlNanos) {
            value = readNow();
            readAt = now;
            read = true;
        }
        return Optional.ofNullable(value);
    }

    private T readNow() {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            LOG.debug("No {} for the metrics now: {}", what, e.toString());
            return null;
        }
    }
}
