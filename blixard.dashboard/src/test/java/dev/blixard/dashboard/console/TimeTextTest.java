package dev.blixard.dashboard.console;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

/** Times as people read them. */
public class TimeTextTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    public void timestampsAreRfc3339InUtcToTheSecond() {
        assertEquals("2026-01-31T11:59:58Z", TimeText.timestamp(Instant.parse("2026-01-31T11:59:58.750Z")));
    }

    @Test
    public void durationsUseTheirTwoLargestUnits() {
        assertEquals("850 ms", TimeText.duration(Duration.ofMillis(850)));
        assertEquals("42 s", TimeText.duration(Duration.ofSeconds(42)));
        assertEquals("3 min 12 s", TimeText.duration(Duration.ofSeconds(192)));
        assertEquals("5 min", TimeText.duration(Duration.ofMinutes(5)));
        assertEquals("2 h 5 min", TimeText.duration(Duration.ofMinutes(125).plusSeconds(59)));
        assertEquals("4 d 3 h", TimeText.duration(Duration.ofHours(99)));
        assertEquals("-42 s", TimeText.duration(Duration.ofSeconds(-42)));
    }

    @Test
    public void relativeTimesSayAgoOrIn() {
        assertEquals("12 s ago", TimeText.relative(NOW.minusSeconds(12), NOW));
        assertEquals("in 3 min", TimeText.relative(NOW.plusSeconds(180), NOW));
        assertEquals("just now", TimeText.relative(NOW.minusMillis(300), NOW));
    }
}
