package dev.blixard.backend.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code local} job asks for, read from its payload:
 * {@code {"command": ["argv0", "arg", ...], "env": {...}, "cwd": "sub/dir", "stdin": "...", "timeout_ms": 5000,
 * "isolation": "sandbox", "limits": {"cpu_seconds": 10, "address_space_mb": 512, "open_files": 64, "processes": 32}}}.
 * Only {@code command} is required. The command runs as given, without a shell: a shell only runs when the
 * argv names one ({@code ["sh", "-c", "..."]}).
 *
 * <p>Unknown fields are refused rather than ignored: a misspelt {@code timeout_ms} or limit would otherwise
 * run the job without the bound its author meant.
 *
 * @param command the argv, at least the executable
 * @param environment variables the job adds
 * @param workingDirectory relative to the execution's work directory, normalised, never leaving it
 * @param stdin the standard input, or empty for none
 * @param timeoutMillis a wall-clock limit below the node's, or empty
 * @param isolation the isolation asked for, or empty for the backend's default
 * @param limits resource limits asked for (on top of the backend's defaults)
 */
record LocalPayload(List<String> command, Map<String, String> environment, Path workingDirectory,
        Optional<String> stdin, Optional<Long> timeoutMillis, Optional<Isolation> isolation, JobLimits limits) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("command", "env", "cwd", "stdin", "timeout_ms", "isolation", "limits");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** @throws IllegalArgumentException naming every problem of the payload */
    static LocalPayload parse(String payloadJson) {
        JsonNode payload;
        try {
            payload = JSON.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("a local job's payload must be an object with a \"command\" array, e.g. "
                    + "{\"command\": [\"echo\", \"hello\"]}");
        }
        List<String> problems = new ArrayList<>();
        payload.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add("\"" + name + "\" is not a field of a local job (known: " + String.join(", ", sorted(FIELDS)) + ")");
            }
        });
        List<String> command = command(payload.get("command"), problems);
        Map<String, String> environment = environment(payload.get("env"), problems);
        Path cwd = workingDirectory(payload.get("cwd"), problems);
        Optional<String> stdin = optionalText(payload, "stdin", problems);
        Optional<Long> timeout = positive(payload.get("timeout_ms"), "timeout_ms", problems);
        Optional<Isolation> isolation = optionalText(payload, "isolation", problems).flatMap(name -> {
            try {
                return Optional.of(Isolation.fromName(name));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        });
        JobLimits limits = JobLimits.parse(payload.get("limits"), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LocalPayload(command, environment, cwd, stdin, timeout, isolation, limits);
    }

    private static List<String> command(JsonNode node, List<String> problems) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("\"command\" is required: the argv as an array of strings, e.g. [\"echo\", \"hello\"]");
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode argument : node) {
            if (!argument.isTextual() || argument.asText().indexOf('\0') >= 0) {
                problems.add("\"command\" must hold strings without NUL characters, found " + argument);
                return List.of();
            }
            argv.add(argument.asText());
        }
        if (argv.get(0).isBlank()) {
            problems.add("\"command\" must start with the program to run, not an empty string");
        }
        return List.copyOf(argv);
    }

    private static Map<String, String> environment(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add("\"env\" must be an object of strings");
            return Map.of();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!VARIABLE_NAME.matcher(field.getKey()).matches()) {
                problems.add("\"env\": \"" + field.getKey() + "\" is not a variable name (letters, digits, _)");
            } else if (!field.getValue().isTextual() || field.getValue().asText().indexOf('\0') >= 0) {
                problems.add("\"env\": " + field.getKey() + " must be a string without NUL characters");
            } else {
                environment.put(field.getKey(), field.getValue().asText());
            }
        }
        return environment;
    }

    private static Path workingDirectory(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return Path.of("");
        }
        if (!node.isTextual()) {
            problems.add("\"cwd\" must be a string: a directory inside the job's work directory");
            return Path.of("");
        }
        Path relative = Path.of(node.asText()).normalize();
        if (relative.isAbsolute() || relative.startsWith("..") || node.asText().indexOf('\0') >= 0) {
            problems.add("\"cwd\" must stay inside the job's work directory (a relative path without ..), was \""
                    + node.asText() + "\"");
            return Path.of("");
        }
        return relative;
    }

    private static Optional<String> optionalText(JsonNode payload, String field, List<String> problems) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.add("\"" + field + "\" must be a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** A positive whole number, for {@code timeout_ms} and the limits. */
    static Optional<Long> positive(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() <= 0) {
            problems.add("\"" + field + "\" must be a positive whole number, was " + node);
            return Optional.empty();
        }
        return Optional.of(node.asLong());
    }

    static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
