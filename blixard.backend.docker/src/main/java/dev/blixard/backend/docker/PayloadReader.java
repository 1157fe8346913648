package dev.blixard.backend.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one JSON object, collecting a sentence for every problem instead of stopping at the
 * first, so that a job's author learns everything wrong with a payload from one failed job. Field names in
 * the sentences carry the object's path ({@code "limits.memory_mb"}, {@code "mounts[1].source"}).
 */
final class PayloadReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode object;
    private final String path;
    private final List<String> problems;

    /** @param path how the object is named in problems: empty for the payload itself */
    PayloadReader(JsonNode object, String path, List<String> problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Reads a job's payload, which must be a JSON object.
     *
     * @param expected what the payload should be, for the message when it is something else
     * @throws IllegalArgumentException when the payload is not JSON or not an object
     */
    static PayloadReader ofPayload(String json, String expected, List<String> problems) {
        JsonNode payload;
        try {
            payload = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("a docker job's payload must be " + expected);
        }
        return new PayloadReader(payload, "", problems);
    }

    /** Unknown fields are refused: a misspelt limit would otherwise run the job without the bound meant. */
    PayloadReader onlyFields(Set<String> known) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(quoted(name) + " is not a field" + (path.isEmpty() ? " of a docker job" : " of " + quoted(path))
                        + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        });
        return this;
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String sentence) {
        problems.add(quoted(name(field)) + " " + sentence);
    }

    JsonNode node(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** A string without NUL characters, present and not blank. */
    Optional<String> text(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().indexOf('\0') >= 0) {
            problem(field, "must be a non-empty string without NUL characters, was " + node);
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** An array of strings without NUL characters (an empty array is allowed: it clears an image default). */
    Optional<List<String>> strings(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual() || element.asText().indexOf('\0') >= 0) {
                    break;
                }
                values.add(element.asText());
            }
        }
        if (!node.isArray() || values.size() != node.size()) {
            problem(field, "must be an array of strings without NUL characters, was " + node);
            return Optional.empty();
        }
        return Optional.of(List.copyOf(values));
    }

    /** A whole number of at least 1. */
    OptionalLong positiveLong(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            problem(field, "must be a positive whole number, was " + node);
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.asLong());
    }

    /** A finite number above 0. */
    OptionalDouble positiveNumber(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() <= 0) {
            problem(field, "must be a number above 0, was " + node);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(node.asDouble());
    }

    Optional<Boolean> bool(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problem(field, "must be true or false, was " + node);
            return Optional.empty();
        }
        return Optional.of(node.asBoolean());
    }

    /** A nested object, read with the same problem list; empty when absent or not an object (a problem). */
    Optional<PayloadReader> object(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(field, "must be an object, was " + node);
            return Optional.empty();
        }
        return Optional.of(new PayloadReader(node, name(field), problems));
    }

    /** Each element of an array of objects, read with the same problem list. */
    List<PayloadReader> objects(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(field, "must be an array of objects, was " + node);
            return List.of();
        }
        List<PayloadReader> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String elementPath = name(field) + "[" + i + "]";
            if (node.get(i).isObject()) {
                elements.add(new PayloadReader(node.get(i), elementPath, problems));
            } else {
                problems.add(quoted(elementPath) + " must be an object, was " + node.get(i));
            }
        }
        return elements;
    }

    /** The fields of an object whose values are all strings (the environment). */
    List<String[]> stringPairs(String field) {
        Optional<PayloadReader> pairs = object(field);
        List<String[]> entries = new ArrayList<>();
        pairs.ifPresent(reader -> reader.object.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual() && entry.getValue().asText().indexOf('\0') < 0) {
                entries.add(new String[] {entry.getKey(), entry.getValue().asText()});
            } else {
                reader.problem(entry.getKey(), "must be a string without NUL characters, was " + entry.getValue());
            }
        }));
        return entries;
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
