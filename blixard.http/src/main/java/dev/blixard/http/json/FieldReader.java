package dev.blixard.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.Violation;
import dev.blixard.http.problem.ProblemKind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object of a request, strictly: a field of the wrong JSON type and a field the
 * contract does not know are both errors. Problems are collected rather than thrown one by one, so that
 * {@link #finish()} reports all of them in one 400. An absent field and a {@code null} one read as
 * {@code null}; whether that is allowed is for the API's builders to say (with a 422).
 */
public final class FieldReader {
    private final JsonNode node;
    private final String path;
    private final List<Violation> problems;
    private final Set<String> known = new HashSet<>();

    private FieldReader(JsonNode node, String path, List<Violation> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * @param what how the caller calls the value, for the error message (for example {@code the body})
     * @throws dev.blixard.http.problem.HttpProblem 400 when {@code value} is not a JSON object
     */
    public static FieldReader of(JsonNode value, String what) {
        if (!value.isObject()) {
            throw ProblemKind.BAD_REQUEST.problem(what + " must be a JSON object");
        }
        return new FieldReader(value, "", new ArrayList<>());
    }

    public String text(String name) {
        JsonNode value = field(name);
        return value == null ? null : value.isTextual() ? value.textValue() : wrongType(name, "a string");
    }

    public Integer integer(String name) {
        JsonNode value = field(name);
        return value == null ? null : value.isIntegralNumber() && value.canConvertToInt() ? Integer.valueOf(value.intValue())
                : wrongType(name, "an integer in the 32-bit range");
    }

    public Long wholeNumber(String name) {
        JsonNode value = field(name);
        return value == null ? null : value.isIntegralNumber() && value.canConvertToLong() ? Long.valueOf(value.longValue())
                : wrongType(name, "an integer");
    }

    public Double number(String name) {
        JsonNode value = field(name);
        return value == null ? null : value.isNumber() ? Double.valueOf(value.doubleValue()) : wrongType(name, "a number");
    }

    public Boolean bool(String name) {
        JsonNode value = field(name);
        return value == null ? null : value.isBoolean() ? Boolean.valueOf(value.booleanValue()) : wrongType(name, "true or false");
    }

    /** @return a duration given in milliseconds */
    public Duration millis(String name) {
        Long value = wholeNumber(name);
        return value == null ? null : Duration.ofMillis(value);
    }

    /** @return an RFC 3339 timestamp */
    public Instant timestamp(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (DateTimeParseException e) {
            return wrongType(name, "an RFC 3339 date-time with an offset, for example 2026-01-31T12:00:00Z");
        }
    }

    /** @return any JSON value, as it was sent */
    public JsonNode any(String name) {
        return field(name);
    }

    public List<String> texts(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return wrongType(name, "an array of strings");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                return wrongType(name + "[" + i + "]", "a string");
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    /** @return an object whose values are all strings, in the order sent */
    public Map<String, String> textMap(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return wrongType(name, "an object of strings");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isTextual()) {
                return wrongType(name + "." + entry.getKey(), "a string");
            }
            texts.put(entry.getKey(), entry.getValue().textValue());
        }
        return texts;
    }

    /** @return a reader of the nested object, sharing this reader's problems; {@code null} when absent */
    public FieldReader object(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return null;
        }
        return value.isObject() ? new FieldReader(value, path + name + ".", problems) : wrongType(name, "an object");
    }

    /** @return readers of the objects of an array, sharing this reader's problems; {@code null} when absent */
    public List<FieldReader> objects(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return wrongType(name, "an array of objects");
        }
        List<FieldReader> readers = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                return wrongType(name + "[" + i + "]", "an object");
            }
            readers.add(new FieldReader(value.get(i), path + name + "[" + i + "].", problems));
        }
        return readers;
    }

    /** @return where this object sits in the body, as a field prefix ({@code jobs[2].}); empty at the top */
    public String path() {
        return path;
    }

    /**
     * Records every field of this object that was never asked for as unknown, then throws if this reader or
     * any reader sharing its problems found one.
     *
     * @throws dev.blixard.http.problem.HttpProblem 400 naming every wrong or unknown field
     */
    public void finish() {
        rejectUnknownFields();
        if (!problems.isEmpty()) {
            throw ProblemKind.BAD_REQUEST.problem(describe(problems)).withViolations(problems);
        }
    }

    /** Records the fields of this (nested) object nobody asked for; {@link #finish()} reports them. */
    public void rejectUnknownFields() {
        // Each unknown name becomes known once reported, so a second call reports nothing twice.
        node.fieldNames().forEachRemaining(name -> {
            if (known.add(name)) {
                problems.add(new Violation(path + name, "is not a known field"));
            }
        });
    }

    private JsonNode field(String name) {
        known.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T wrongType(String name, String expected) {
        problems.add(new Violation(path + name, "must be " + expected));
        return null;
    }

    private static String describe(List<Violation> problems) {
        return problems.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
