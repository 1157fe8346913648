package dev.blixard.http.events;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;

/** Event Admin events as the {@link RecordedEvent}s of the history they were relayed from. */
final class LiveEvents {

    private LiveEvents() {
    }

    /**
     * @param clock gives the time of an event that does not carry its own
     * @return the event, or {@code null} when it has no {@link EventProperties#LOG_INDEX} (it was not relayed
     *         from the replicated log, so it has no place in the stream's order)
     */
    static RecordedEvent toRecord(Event event, Clock clock) {
        Object index = event.getProperty(EventProperties.LOG_INDEX);
        if (!(index instanceof Number)) {
            return null;
        }
        Object timestamp = event.getProperty(EventProperties.TIMESTAMP);
        Instant at = timestamp instanceof Number ? Instant.ofEpochMilli(((Number) timestamp).longValue()) : clock.instant();
        Map<String, Object> properties = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            Object value = event.getProperty(name);
            if (value != null && !EventConstants.EVENT_TOPIC.equals(name)) {
                properties.put(name, value);
            }
        }
        return new RecordedEvent(((Number) index).longValue(), event.getTopic(), at, properties);
    }
}
