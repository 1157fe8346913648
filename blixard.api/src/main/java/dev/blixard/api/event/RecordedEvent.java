package dev.blixard.api.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the replicated event log, as it was posted on Event Admin.
 *
 * @param sequence its position in the log: increasing, the same on every node, and what a stream resumes from
 * @param topic the Event Admin topic, for example {@code blixard/job/COMPLETED}
 * @param at when the change was committed
 * @param properties the event's properties, keyed by the {@link EventProperties} names
 */
public record RecordedEvent(long sequence, String topic, Instant at, Map<String, Object> properties) {

    public RecordedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(at, "at");
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    }
}
