package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.Test;

public class TimesTest {

    @Test
    public void showsServerTimesInTheLocalZone() {
        assertEquals("2025-05-01 14:03:07", Times.local("2025-05-01T12:03:07.123Z", ZoneId.of("Europe/Berlin")));
        assertEquals("-", Times.local(null, ZoneId.of("UTC")));
        assertEquals("-", Times.local("-", ZoneId.of("UTC")));
        assertEquals("yesterday", Times.local("yesterday", ZoneId.of("UTC")));
    }

    @Test
    public void showsDurationsAtAReadableScale() {
        assertEquals("250ms", Times.duration(250));
        assertEquals("4.2s", Times.duration(4200));
        assertEquals("3m 05s", Times.duration(185_000));
        assertEquals("2h 01m", Times.duration(7_260_000));
    }

    @Test
    public void parsesDurationsAndRelativeOrAbsoluteTimes() {
        assertEquals(Duration.ofMinutes(90), Times.parseDuration("1h30m"));
        assertEquals(Duration.ofMillis(1500), Times.parseDuration("1s500ms"));
        assertEquals(Duration.ofMillis(42), Times.parseDuration("42"));
        Instant now = Instant.parse("2025-05-01T12:00:00Z");
        assertEquals(Instant.parse("2025-05-02T12:00:00Z"), Times.parseInstant("+1d", now));
        assertEquals(Instant.parse("2025-05-01T10:00:00Z"), Times.parseInstant("2025-05-01T12:00:00+02:00", now));
        assertThrows(IllegalArgumentException.class, () -> Times.parseDuration("m5"));
        assertThrows(IllegalArgumentException.class, () -> Times.parseDuration("5x"));
        assertThrows(IllegalArgumentException.class, () -> Times.parseInstant("+", now));
    }
}
