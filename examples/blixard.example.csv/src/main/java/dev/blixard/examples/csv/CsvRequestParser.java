package dev.blixard.examples.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.Violation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a csv job's payload into a {@link CsvRequest}, or into every problem with it, each naming its
 * field ({@code payload.dataset}, {@code payload.sum[1]}…) so a client can fix them all at once. The
 * validator uses it at submit and the processor again before it runs, because a job may have been
 * submitted on a node that does not have this plugin. Thread-safe.
 */
final class CsvRequestParser {
    static final String DATASET = "dataset";
    static final String OPERATION = "operation";
    static final String GROUP_BY = "group_by";
    static final String SUM = "sum";
    static final String OUTPUT = "output";
    private static final List<String> KNOWN = List.of(DATASET, OPERATION, GROUP_BY, SUM, OUTPUT);
    private static final String PREFIX = "payload.";

    private final ObjectMapper mapper;

    CsvRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The outcome of parsing: a request when {@link #violations()} is empty. */
    record Parsed(Optional<CsvRequest> request, List<Violation> violations) {
        Parsed {
            violations = List.copyOf(violations);
        }
    }

    /** @return the request, or why there is none */
    Parsed parse(String payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            return failed(new Violation("payload", "must be a JSON object, for example "
                    + "{\"dataset\": \"/data/sales.csv\", \"output\": \"/data/summary.csv\"}"));
        }
        if (root == null || !root.isObject()) {
            return failed(new Violation("payload", "must be a JSON object, was " + describe(root)));
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                violations.add(new Violation(PREFIX + name, "is not a known field; known are " + KNOWN));
            }
        }
        Path dataset = path(root, DATASET, violations);
        Path output = path(root, OUTPUT, violations);
        if (dataset != null && dataset.equals(output)) {
            violations.add(new Violation(PREFIX + OUTPUT, "must not be the dataset itself"));
        }
        String operation = operation(root, violations);
        Optional<String> groupBy = optionalText(root, GROUP_BY, violations);
        Optional<List<String>> sum = sum(root, groupBy, violations);
        if (!violations.isEmpty()) {
            return new Parsed(Optional.empty(), violations);
        }
        return new Parsed(Optional.of(new CsvRequest(dataset, operation, groupBy, sum, output)), List.of());
    }

    private static Parsed failed(Violation violation) {
        return new Parsed(Optional.empty(), List.of(violation));
    }

    /** An absolute path without {@code ..}, so that a base-directory check on its text cannot be escaped. */
    private static Path path(JsonNode root, String field, List<Violation> violations) {
        JsonNode node = root.get(field);
        String name = PREFIX + field;
        if (isAbsent(node)) {
            violations.add(new Violation(name, "is required: the absolute path of the "
                    + (DATASET.equals(field) ? "CSV file to read" : "summary CSV to write")));
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(new Violation(name, "must be a non-empty string (an absolute path), was " + describe(node)));
            return null;
        }
        Path path;
        try {
            path = Path.of(node.asText());
        } catch (InvalidPathException e) {
            violations.add(new Violation(name, "is not a valid path: " + e.getReason()));
            return null;
        }
        if (!path.isAbsolute()) {
            violations.add(new Violation(name, "must be an absolute path, was \"" + node.asText() + "\""));
            return null;
        }
        if (DatasetPaths.climbs(path)) {
            violations.add(new Violation(name, "must not contain \"..\" segments"));
            return null;
        }
        if (path.getFileName() == null) {
            violations.add(new Violation(name, "must name a file, not the root directory"));
            return null;
        }
        return path.normalize();
    }

    private static String operation(JsonNode root, List<Violation> violations) {
        Optional<String> operation = optionalText(root, OPERATION, violations);
        if (operation.isPresent() && !CsvRequest.AGGREGATE.equals(operation.get())) {
            violations.add(new Violation(PREFIX + OPERATION, "\"" + operation.get()
                    + "\" is not a known operation; known is \"" + CsvRequest.AGGREGATE + "\""));
        }
        return operation.orElse(CsvRequest.AGGREGATE);
    }

    /** A field that may be left out (or {@code null}); when present, a non-blank string. */
    private static Optional<String> optionalText(JsonNode root, String field, List<Violation> violations) {
        JsonNode node = root.get(field);
        if (isAbsent(node)) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(new Violation(PREFIX + field, "must be a non-empty string, was " + describe(node)));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static Optional<List<String>> sum(JsonNode root, Optional<String> groupBy, List<Violation> violations) {
        JsonNode node = root.get(SUM);
        if (isAbsent(node)) {
            return Optional.empty();
        }
        String name = PREFIX + SUM;
        if (!node.isArray() || node.isEmpty()) {
            violations.add(new Violation(name, "must be a non-empty array of column names, was " + describe(node)));
            return Optional.empty();
        }
        Set<String> columns = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode column = node.get(i);
            String element = name + "[" + i + "]";
            if (!column.isTextual() || column.asText().isBlank()) {
                violations.add(new Violation(element, "must be a non-empty string (a column name), was "
                        + describe(column)));
            } else if (groupBy.isPresent() && groupBy.get().equals(column.asText())) {
                violations.add(new Violation(element, "is the group_by column, which cannot also be summed"));
            } else if (!columns.add(column.asText())) {
                violations.add(new Violation(element, "names column \"" + column.asText() + "\" a second time"));
            }
        }
        return Optional.of(List.copyOf(columns));
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** The JSON type of a value, for messages: never the value itself, which may be long. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        switch (node.getNodeType()) {
            case ARRAY:
                return node.isEmpty() ? "an empty array" : "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return node.asText().isBlank() ? "an empty string" : "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return "a " + node.getNodeType();
        }
    }
}
