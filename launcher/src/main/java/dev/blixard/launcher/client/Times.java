package dev.blixard.launcher.client;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as people read them (local zone, to the second) and as the user writes them: an RFC 3339 time or a
 * relative one such as {@code +30s}, and durations such as {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}.
 */
final class Times {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Times() {
    }

    /** An RFC 3339 time from the server in the local zone, e.g. {@code 2025-05-01 14:03:07}; {@code -} for none. */
    static String local(String rfc3339, ZoneId zone) {
        if (rfc3339 == null || rfc3339.isBlank() || rfc3339.equals("-")) {
            return "-";
        }
        try {
            return LOCAL.format(OffsetDateTime.parse(rfc3339).atZoneSameInstant(zone));
        } catch (DateTimeParseException e) {
            return rfc3339; // shown as sent rather than hidden
        }
    }

    /** A millisecond count as {@code 1h 02m}, {@code 3m 05s}, {@code 4.2s} or {@code 250ms}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format("%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /**
     * Parses {@code 1h30m}, {@code 90s}, {@code 250ms} or a plain number of milliseconds.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    static Duration parseDuration(String text) {
        String value = text.trim();
        if (value.matches("\\d+")) {
            return Duration.ofMillis(Long.parseLong(value));
        }
        Matcher part = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 5m, 1h30m or 250ms");
        }
        return total;
    }

    /**
     * A point in time: RFC 3339 ({@code 2025-05-01T12:00:00Z}, {@code 2025-05-01T14:00:00+02:00}) or
     * {@code +DURATION} from {@code now}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    static Instant parseInstant(String text, Instant now) {
        String value = text.trim();
        if (value.startsWith("+")) {
            return now.plus(parseDuration(value.substring(1)));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither an RFC 3339 time (2025-05-01T12:00:00Z) "
                    + "nor a relative one (+30s, +5m, +1h)");
        }
    }
}
