package dev.blixard.api.internal;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every problem of a value under construction, so that a caller hears about all of them at
 * once, then throws one {@link InvalidRequestException}. Private to the API bundle.
 */
public final class Checks {
    /** Worker types: lower-case, as they appear in URLs and event topics. */
    public static final Pattern WORKER_TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    /** Job, worker and execution identifiers. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Tenants: lower-case namespaces. */
    public static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** Label keys, Kubernetes-like. */
    public static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,62}");
    public static final int MAX_LABEL_VALUE = 256;
    public static final int MAX_LIST = 1000;

    private final List<Violation> violations = new ArrayList<>();

    /** Records a problem with {@code field}. */
    public Checks fail(String field, String message) {
        violations.add(new Violation(field, message));
        return this;
    }

    /** Records a problem when {@code condition} is false. */
    public Checks check(boolean condition, String field, String message) {
        if (!condition) {
            fail(field, message);
        }
        return this;
    }

    /** Records a problem when {@code value} is null; returns whether it was present. */
    public boolean present(Object value, String field) {
        check(value != null, field, "is required");
        return value != null;
    }

    /** Checks a required text against {@code pattern}. */
    public Checks matches(String value, Pattern pattern, String field, String what) {
        if (present(value, field) && !pattern.matcher(value).matches()) {
            fail(field, "'" + abbreviate(value) + "' is not a valid " + what + " (expected " + pattern.pattern() + ")");
        }
        return this;
    }

    /** Checks each element of a required list against {@code pattern}, and the list's size. */
    public Checks allMatch(List<String> values, Pattern pattern, String field, String what) {
        if (present(values, field)) {
            check(values.size() <= MAX_LIST, field, "has " + values.size() + " entries, at most " + MAX_LIST + " allowed");
            for (int i = 0; i < values.size() && i < MAX_LIST; i++) {
                matches(values.get(i), pattern, field + "[" + i + "]", what);
            }
        }
        return this;
    }

    /** Checks that {@code value} lies in [{@code min}, {@code max}]. */
    public Checks inRange(long value, long min, long max, String field) {
        return check(value >= min && value <= max, field, value + " is out of range [" + min + ", " + max + "]");
    }

    /** Checks that an optional duration, when present, is strictly positive. */
    public Checks positiveIfPresent(Duration value, String field) {
        return check(value == null || (!value.isNegative() && !value.isZero()), field, "must be positive");
    }

    /** Checks label keys and values. */
    public Checks labels(Map<String, String> labels, String field) {
        if (present(labels, field)) {
            check(labels.size() <= MAX_LIST, field, "has more than " + MAX_LIST + " labels");
            labels.forEach((key, value) -> {
                matches(key, LABEL_KEY, field + "." + key, "label key");
                if (present(value, field + "." + key)) {
                    check(value.length() <= MAX_LABEL_VALUE, field + "." + key,
                            "is longer than " + MAX_LABEL_VALUE + " characters");
                }
            });
        }
        return this;
    }

    /** Throws one exception listing every problem recorded, if any. */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
