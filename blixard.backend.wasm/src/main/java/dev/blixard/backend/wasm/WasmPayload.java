package dev.blixard.backend.wasm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a {@code wasm} job asks for, read from its payload:
 * {@code {"module_base64": "AGFzbQ...", "function": "add", "arguments": [2, 3]}} or
 * {@code {"module": "tools/report.wasm", "args": ["--fast"], "env": {"MODE": "x"}, "stdin": "...",
 * "timeout_ms": 5000, "fuel": 1000000, "memory_mb": 64}}. Exactly one of {@code module_base64}, {@code wat}
 * (the text format) and {@code module} (a path under the node's module directory) names the module; the rest
 * is optional. {@code function} defaults to {@code _start}, a WASI command's entry point.
 *
 * <p>Unknown fields are refused rather than ignored: a misspelt {@code fuel} or {@code memory_mb} would
 * otherwise run the job without the bound its author meant.
 *
 * @param source where the module comes from
 * @param function the exported function to call
 * @param arguments the function's arguments, JSON numbers (or "NaN", "Infinity", "-Infinity" for floats),
 *        converted once the function's parameter types are known
 * @param args WASI arguments after {@code argv[0]}
 * @param environment WASI environment variables the job adds
 * @param stdin WASI standard input, or empty for none
 * @param timeoutMillis a wall-clock limit below the node's, or empty
 * @param fuel how many instructions the job may run, or empty for the backend's default
 * @param memoryMb the job's memory limit, or empty for the backend's
 */
record WasmPayload(Source source, String function, List<JsonNode> arguments, List<String> args,
        Map<String, String> environment, Optional<String> stdin, Optional<Long> timeoutMillis, Optional<Long> fuel,
        Optional<Long> memoryMb) {

    static final String DEFAULT_FUNCTION = "_start";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SOURCES = Set.of("module_base64", "wat", "module");
    private static final Set<String> FIELDS = Set.of("module_base64", "wat", "module", "function", "arguments",
            "args", "env", "stdin", "timeout_ms", "fuel", "memory_mb");

    /** Where a job's module comes from. */
    sealed interface Source permits Binary, Text, File {
    }

    /** A module binary in the payload itself. */
    record Binary(byte[] bytes) implements Source {
    }

    /** A module in the text format (WAT). */
    record Text(String wat) implements Source {
    }

    /** A module file, relative to the node's module directory. */
    record File(String path) implements Source {
    }

    /** @throws IllegalArgumentException naming every problem of the payload */
    static WasmPayload parse(String payloadJson) {
        ObjectNode payload = null;
        String notAnObject = "";
        try {
            payload = JSON.readValue(payloadJson, ObjectNode.class);
        } catch (JsonProcessingException e) {
            notAnObject = " (" + e.getOriginalMessage() + ")";
        }
        if (payload == null) {
            throw new IllegalArgumentException("a wasm job's payload must be a JSON object naming its module, e.g. "
                    + "{\"module\": \"hello.wasm\"} or {\"wat\": \"(module ...)\", \"function\": \"run\"}" + notAnObject);
        }
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        payload.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(FIELDS);
        if (!unknown.isEmpty()) {
            problems.add("unknown fields " + unknown + ": a wasm job has " + new TreeSet<>(FIELDS));
        }
        Source source = source(payload, problems);
        String function = text(payload, "function", problems).orElse(DEFAULT_FUNCTION);
        if (function.isEmpty()) {
            problems.add("\"function\" must name an exported function, not be empty");
        }
        List<JsonNode> arguments = list(payload, "arguments", problems, WasmPayload::argument);
        List<String> args = list(payload, "args", problems, node -> node.isTextual() && !node.asText().contains("\0")
                ? node.asText() : null);
        Map<String, String> environment = environment(payload.get("env"), problems);
        Optional<String> stdin = text(payload, "stdin", problems);
        Optional<Long> timeout = positive(payload, "timeout_ms", problems);
        Optional<Long> fuel = positive(payload, "fuel", problems);
        Optional<Long> memory = positive(payload, "memory_mb", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new WasmPayload(source, function, arguments, args, environment, stdin, timeout, fuel, memory);
    }

    private static Source source(JsonNode payload, List<String> problems) {
        List<String> given = SOURCES.stream().filter(payload::has).sorted().toList();
        if (given.size() != 1) {
            problems.add(given.isEmpty()
                    ? "the module is missing: give one of \"module_base64\", \"wat\" or \"module\""
                    : "give only one of \"module_base64\", \"wat\" and \"module\", not " + String.join(" and ", given));
            return null;
        }
        String field = given.get(0);
        Optional<String> value = text(payload, field, problems);
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get();
        if (text.isBlank()) {
            problems.add("\"" + field + "\" is empty");
            return null;
        }
        switch (field) {
            case "module_base64":
                try {
                    return new Binary(Base64.getMimeDecoder().decode(text));
                } catch (IllegalArgumentException e) {
                    problems.add("\"module_base64\" is not base64: " + e.getMessage());
                    return null;
                }
            case "wat":
                return new Text(text);
            default:
                if (text.indexOf('\0') >= 0) {
                    problems.add("\"module\" must be a path without NUL characters");
                    return null;
                }
                return new File(text);
        }
    }

    /** A number, or a float's special value by name (JSON has no NaN or infinities); null when neither. */
    private static JsonNode argument(JsonNode node) {
        boolean special = node.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(node.asText());
        return node.isNumber() || special ? node : null;
    }

    /** An array whose every element {@code element} accepts (it answers null for a bad one). */
    private static <T> List<T> list(JsonNode payload, String field, List<String> problems, Function<JsonNode, T> element) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.<JsonNode>of()) {
            T value = element.apply(item);
            if (value == null) {
                problems.add("\"" + field + "\" holds " + item + ", which is not " + describe(field));
                return List.of();
            }
            values.add(value);
        }
        if (!node.isArray()) {
            problems.add("\"" + field + "\" must be an array of " + describe(field) + "s");
        }
        return List.copyOf(values);
    }

    private static String describe(String field) {
        return field.equals("arguments") ? "a number (or \"NaN\", \"Infinity\", \"-Infinity\")" : "a string without NUL characters";
    }

    /** WASI passes the environment as NAME=value strings: a name holding '=' (or NUL) would be read back wrong. */
    private static Map<String, String> environment(JsonNode node, List<String> problems) {
        Map<String, String> environment = new LinkedHashMap<>();
        boolean absent = node == null || node.isNull();
        if (!absent && !node.isObject()) {
            problems.add("\"env\" must be an object of strings");
        }
        if (absent || !node.isObject()) {
            return environment;
        }
        node.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (name.isEmpty() || name.contains("=") || name.contains("\0")) {
                problems.add("\"env\": \"" + name + "\" is not a variable name (not empty, no = or NUL)");
            } else if (!value.isTextual() || value.asText().contains("\0")) {
                problems.add("\"env\": " + name + " must be a string without NUL characters");
            } else {
                environment.put(name, value.asText());
            }
        });
        return environment;
    }

    private static Optional<String> text(JsonNode payload, String field, List<String> problems) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        problems.add("\"" + field + "\" must be a string");
        return Optional.empty();
    }

    private static Optional<Long> positive(JsonNode payload, String field, List<String> problems) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
            return Optional.of(node.longValue());
        }
        problems.add("\"" + field + "\" must be a positive whole number, was " + node);
        return Optional.empty();
    }
}
