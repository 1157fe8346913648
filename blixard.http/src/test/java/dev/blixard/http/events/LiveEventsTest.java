package dev.blixard.http.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;

public class LiveEventsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-31T12:00:00Z"), ZoneOffset.UTC);

    @Test
    public void aRelayedEventKeepsItsSequenceTimeAndProperties() {
        Event event = new Event("blixard/job/STARTED", Map.of(EventProperties.LOG_INDEX, 17L,
                EventProperties.TIMESTAMP, 1_000L, EventProperties.JOB_ID, "j-1", EventConstants.EVENT_TOPIC, "x"));
        RecordedEvent recorded = LiveEvents.toRecord(event, CLOCK);
        assertEquals(17, recorded.sequence());
        assertEquals("blixard/job/STARTED", recorded.topic());
        assertEquals(Instant.ofEpochMilli(1_000), recorded.at());
        assertEquals("j-1", recorded.properties().get(EventProperties.JOB_ID));
        assertFalse(recorded.properties().containsKey(EventConstants.EVENT_TOPIC));
    }

    @Test
    public void withoutATimestampItIsNowWithoutASequenceItIsIgnored() {
        assertEquals(CLOCK.instant(), LiveEvents.toRecord(
                new Event("blixard/job/STARTED", Map.of(EventProperties.LOG_INDEX, 1L)), CLOCK).at());
        assertNull(LiveEvents.toRecord(new Event("blixard/job/STARTED", Map.of(EventProperties.JOB_ID, "j")), CLOCK));
    }
}
