package dev.blixard.http.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps: written in UTC ({@code 2026-01-31T12:00:00.250Z}), read with any offset. */
public final class Timestamps {

    private Timestamps() {
    }

    /** @return {@code instant} in RFC 3339 UTC form */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * @return the instant {@code text} names
     * @throws DateTimeParseException when it is not an RFC 3339 date-time with an offset
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
}
