package dev.blixard.dashboard.console;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times and durations as a person reads them: RFC 3339 timestamps in UTC to the second, and ages in the two
 * largest units ({@code 3 min 12 s}, {@code 2 h 5 min}), so "how long ago" needs no arithmetic.
 */
final class TimeText {

    private TimeText() {
    }

    /** @return {@code at} in RFC 3339 form, UTC, whole seconds: {@code 2026-01-31T12:00:05Z} */
    static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return how far {@code at} lies from {@code now}: {@code 12 s ago}, {@code in 3 min}, {@code just now} */
    static String relative(Instant at, Instant now) {
        Duration between = Duration.between(at, now);
        if (between.abs().compareTo(Duration.ofSeconds(1)) < 0) {
            return "just now";
        }
        return between.isNegative() ? "in " + duration(between.negated()) : duration(between) + " ago";
    }

    /**
     * @return the duration in its two largest units, rounded down: {@code 850 ms}, {@code 42 s},
     *     {@code 3 min 12 s}, {@code 2 h 5 min}, {@code 4 d 3 h}
     */
    static String duration(Duration duration) {
        Duration d = duration.isNegative() ? duration.negated() : duration;
        String sign = duration.isNegative() ? "-" : "";
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return sign + d.toMillis() + " ms";
        }
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        if (days > 0) {
            return sign + two(days, "d", hours, "h");
        }
        if (hours > 0) {
            return sign + two(hours, "h", minutes, "min");
        }
        if (minutes > 0) {
            return sign + two(minutes, "min", seconds, "s");
        }
        return sign + seconds + " s";
    }

    private static String two(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
