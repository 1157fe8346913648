package dev.blixard.backend.vm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a {@code vm} job asks for, read from its payload:
 * {@code {"command": "echo hello; uname -r", "env": {"MODE": "x"}, "kernel": "vmlinux", "initrd": "initrd.img",
 * "cmdline": "loglevel=3", "vcpus": 2, "memory_mb": 512, "timeout_ms": 60000, "driver": "qemu"}}. Only
 * {@code command} is required: a string runs with the guest's {@code /bin/sh -c}, an array is the argv. At most one
 * of {@code initrd} and {@code rootfs}; the backend's default kernel and initrd fill in what is missing. Image
 * names are checked against the image directory later ({@link GuestImages}), the command line by
 * {@link KernelCommandLine}.
 *
 * <p>Unknown fields are refused rather than ignored: a misspelt {@code timeout_ms} or {@code memory_mb} would
 * otherwise run the job without the bound its author meant.
 *
 * @param command the argv to run in the guest
 * @param environment variables the job adds
 * @param kernel a kernel name, or empty for the backend's default
 * @param initrd an initrd name, or empty
 * @param rootfs a root file system image name, or empty
 * @param cmdline kernel command line arguments the job adds, validated
 * @param vcpus virtual CPUs asked for, or empty
 * @param memoryMb guest memory asked for, or empty
 * @param timeoutMillis a wall-clock limit below the node's, or empty
 * @param driver the VMM asked for, or empty for the backend's default
 */
record VmPayload(List<String> command, Map<String, String> environment, Optional<String> kernel,
        Optional<String> initrd, Optional<String> rootfs, List<String> cmdline, Optional<Integer> vcpus,
        Optional<Integer> memoryMb, Optional<Long> timeoutMillis, Optional<String> driver) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("command", "env", "kernel", "initrd", "rootfs", "cmdline", "vcpus",
            "memory_mb", "timeout_ms", "driver");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** @throws IllegalArgumentException naming every problem of the payload, each by its field */
    static VmPayload parse(String payloadJson) {
        JsonNode payload;
        try {
            payload = JSON.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("a vm job's payload must be an object with a \"command\", e.g. "
                    + "{\"command\": \"echo hello\"}");
        }
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        payload.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(FIELDS);
        if (!unknown.isEmpty()) {
            problems.add("unknown fields " + unknown + ": a vm job has " + new TreeSet<>(FIELDS));
        }
        List<String> command = command(payload.get("command"), problems);
        Map<String, String> environment = environment(payload.get("env"), problems);
        Optional<String> kernel = text(payload, "kernel", problems);
        Optional<String> initrd = text(payload, "initrd", problems);
        Optional<String> rootfs = text(payload, "rootfs", problems);
        if (initrd.isPresent() && rootfs.isPresent()) {
            problems.add("give \"initrd\" or \"rootfs\", not both");
        }
        List<String> cmdline = text(payload, "cmdline", problems).map(extra -> KernelCommandLine.extras(extra, problems))
                .orElse(List.of());
        Optional<Integer> vcpus = positive(payload, "vcpus", problems).map(Long::intValue);
        Optional<Integer> memory = positive(payload, "memory_mb", problems).map(Long::intValue);
        Optional<Long> timeout = positive(payload, "timeout_ms", problems);
        Optional<String> driver = text(payload, "driver", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new VmPayload(command, environment, kernel, initrd, rootfs, cmdline, vcpus, memory, timeout, driver);
    }

    private static List<String> command(JsonNode node, List<String> problems) {
        if (node != null && node.isTextual() && !node.asText().isBlank() && node.asText().indexOf('\0') < 0) {
            return List.of("/bin/sh", "-c", node.asText());
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("\"command\" is required: a shell command line (\"echo hello\") or an argv array "
                    + "([\"/bin/echo\", \"hello\"]) to run in the guest");
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

    private static Optional<String> text(JsonNode payload, String field, List<String> problems) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().indexOf('\0') >= 0) {
            problems.add("\"" + field + "\" must be a non-empty string without NUL characters, was " + node);
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static Optional<Long> positive(JsonNode payload, String field, List<String> problems) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        boolean fits = node.canConvertToLong() && (node.canConvertToInt() || "timeout_ms".equals(field));
        if (!node.isIntegralNumber() || !fits || node.asLong() <= 0) {
            problems.add("\"" + field + "\" must be a positive whole number, was " + node);
            return Optional.empty();
        }
        return Optional.of(node.asLong());
    }
}
