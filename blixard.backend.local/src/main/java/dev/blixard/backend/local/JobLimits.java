package dev.blixard.backend.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resource limits of one job, applied with {@code prlimit} (setrlimit) to the job's command just before it
 * runs, soft and hard alike so the job cannot raise them again. A job can only lower what the node itself
 * has: an unprivileged process cannot raise a hard limit, so asking for more is refused with both figures.
 */
final class JobLimits {

    /** The limits a job may set, with their payload and {@code prlimit} names. */
    enum Limit {
        CPU_SECONDS("cpu_seconds", "--cpu", 1),
        ADDRESS_SPACE_MB("address_space_mb", "--as", 1024L * 1024),
        OPEN_FILES("open_files", "--nofile", 1),
        PROCESSES("processes", "--nproc", 1);

        final String field;
        final String prlimitOption;
        /** What one unit of the payload's value is in the kernel's unit (MiB → bytes). */
        final long scale;

        Limit(String field, String prlimitOption, long scale) {
            this.field = field;
            this.prlimitOption = prlimitOption;
            this.scale = scale;
        }
    }

    static final JobLimits NONE = new JobLimits(Map.of());

    private final Map<Limit, Long> values;

    private JobLimits(Map<Limit, Long> values) {
        this.values = values.isEmpty() ? Map.of() : new EnumMap<>(values);
    }

    /** From the payload's {@code limits} object; problems are added to {@code problems}. */
    static JobLimits parse(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            problems.add("\"limits\" must be an object, e.g. {\"cpu_seconds\": 10}");
            return NONE;
        }
        Set<String> known = Arrays.stream(Limit.values()).map(limit -> limit.field).collect(Collectors.toSet());
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add("\"limits\": \"" + name + "\" is not a limit (known: " + String.join(", ", LocalPayload.sorted(known)) + ")");
            }
        });
        Map<Limit, Long> values = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            LocalPayload.positive(node.get(limit.field), "limits." + limit.field, problems)
                    .ifPresent(value -> values.put(limit, value));
        }
        return new JobLimits(values);
    }

    /** The backend's defaults from its configuration (0 = none). */
    static JobLimits defaults(LocalBackendConfig config) {
        Map<Limit, Long> values = new EnumMap<>(Limit.class);
        putPositive(values, Limit.CPU_SECONDS, config.limit_cpu_seconds());
        putPositive(values, Limit.ADDRESS_SPACE_MB, config.limit_address_space_mb());
        putPositive(values, Limit.OPEN_FILES, config.limit_open_files());
        putPositive(values, Limit.PROCESSES, config.limit_processes());
        return new JobLimits(values);
    }

    private static void putPositive(Map<Limit, Long> values, Limit limit, long value) {
        if (value > 0) {
            values.put(limit, value);
        }
    }

    /** These limits, with {@code defaults} for the ones not set here. */
    JobLimits orElse(JobLimits defaults) {
        Map<Limit, Long> merged = new EnumMap<>(Limit.class);
        merged.putAll(defaults.values);
        merged.putAll(values);
        return new JobLimits(merged);
    }

    /**
     * @param hardLimit the node's own hard limit of each kind, in the kernel's unit (empty: unlimited)
     * @return a sentence per limit above what the node has
     */
    List<String> aboveNode(Function<Limit, OptionalLong> hardLimit) {
        List<String> problems = new ArrayList<>();
        values.forEach((limit, value) -> {
            OptionalLong hard = hardLimit.apply(limit);
            if (hard.isPresent() && value * limit.scale > hard.getAsLong()) {
                problems.add("limits." + limit.field + " " + value + " is above this node's own hard limit of "
                        + hard.getAsLong() / limit.scale + ": a job can only lower limits, never raise them");
            }
        });
        return problems;
    }

    /** The {@code prlimit} options (soft and hard set alike), empty when there is nothing to limit. */
    List<String> prlimitOptions() {
        List<String> options = new ArrayList<>();
        values.forEach((limit, value) -> options.add(limit.prlimitOption + "=" + value * limit.scale));
        return options;
    }

    Optional<Long> get(Limit limit) {
        return Optional.ofNullable(values.get(limit));
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** For the result and the logs: {@code cpu_seconds=10, open_files=64}. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey().field + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
