package dev.blixard.launcher.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.blixard.launcher.OptionSpec;

/**
 * The options of {@code submit} that become fields of a submission (everything but the payload), and their
 * conversion into the JSON the API takes. With {@code --batch} they are defaults for every entry.
 */
final class SubmissionOptions {

    static final OptionSpec TYPE = OptionSpec.repeatable("--type", "T",
            "Worker type that may run the job, e.g. mock, local, wasm (also comma-separated; default: any)");
    static final OptionSpec PRIORITY = OptionSpec.valued("--priority", "N", "Higher runs first (default: 0)");
    static final OptionSpec RUN_AFTER = OptionSpec.valued("--run-after", "WHEN",
            "Not before WHEN: RFC 3339 (2025-05-01T12:00:00Z) or relative (+30s, +5m, +1h)");
    static final OptionSpec MAX_ATTEMPTS = OptionSpec.valued("--max-attempts", "N", "Attempts before it fails for good (default: 3)");
    static final OptionSpec TIMEOUT = OptionSpec.valued("--timeout", "DURATION",
            "Limit of one attempt: 30s, 5m, 1h30m, 250ms or milliseconds");
    static final OptionSpec CPU = OptionSpec.valued("--cpu", "N", "CPUs the job needs, e.g. 0.5");
    static final OptionSpec MEMORY_MB = OptionSpec.valued("--memory-mb", "N", "Memory the job needs, in MB");
    static final OptionSpec DISK_MB = OptionSpec.valued("--disk-mb", "N", "Disk the job needs, in MB");
    static final OptionSpec LABEL = OptionSpec.repeatable("--label", "K=V", "A label of the job");
    static final OptionSpec DEPENDS_ON = OptionSpec.repeatable("--depends-on", "ID",
            "A job that must complete first (also comma-separated)");
    static final OptionSpec IDEMPOTENCY_KEY = OptionSpec.valued("--idempotency-key", "KEY",
            "Submitting the same key again returns the first job");
    static final OptionSpec TENANT = OptionSpec.valued("--tenant", "T", "Tenant of the job (default: the token's)");

    static final List<OptionSpec> ALL = List.of(TYPE, PRIORITY, RUN_AFTER, MAX_ATTEMPTS, TIMEOUT, CPU, MEMORY_MB,
            DISK_MB, LABEL, DEPENDS_ON, IDEMPOTENCY_KEY, TENANT);

    private SubmissionOptions() {
    }

    /** The submission fields the options set; absent options are left out so that the server's defaults apply. */
    static ObjectNode fields(ParsedArguments args, Instant now) throws ClientUsageException {
        ObjectNode fields = Json.object();
        List<String> types = OptionValues.commaSeparated(args, TYPE);
        if (!types.isEmpty()) {
            types.forEach(fields.putArray("worker_types")::add);
        }
        OptionValues.integer(args, PRIORITY, -1_000_000, 1_000_000).ifPresent(p -> fields.put("priority", p));
        if (args.has(RUN_AFTER)) {
            fields.put("run_after", parse(RUN_AFTER, () -> Times.parseInstant(args.value(RUN_AFTER).orElseThrow(), now)).toString());
        }
        OptionValues.integer(args, MAX_ATTEMPTS, 1, 100).ifPresent(n -> fields.put("max_attempts", n));
        if (args.has(TIMEOUT)) {
            Duration timeout = parse(TIMEOUT, () -> Times.parseDuration(args.value(TIMEOUT).orElseThrow()));
            if (timeout.isZero()) {
                throw new ClientUsageException(TIMEOUT.name() + ": must be more than 0");
            }
            fields.put("timeout_ms", timeout.toMillis());
        }
        resources(args, fields);
        for (String label : args.values(LABEL)) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new ClientUsageException(LABEL.name() + ": '" + label + "' is not K=V");
            }
            fields.withObjectProperty("labels").put(label.substring(0, eq), label.substring(eq + 1));
        }
        List<String> dependencies = OptionValues.commaSeparated(args, DEPENDS_ON);
        if (!dependencies.isEmpty()) {
            ArrayNode dependsOn = fields.putArray("depends_on");
            dependencies.forEach(dependsOn::add);
        }
        args.value(IDEMPOTENCY_KEY).ifPresent(key -> fields.put("idempotency_key", key));
        args.value(TENANT).ifPresent(tenant -> fields.put("tenant", tenant));
        return fields;
    }

    private static void resources(ParsedArguments args, ObjectNode fields) throws ClientUsageException {
        if (args.has(CPU)) {
            String value = args.value(CPU).orElseThrow();
            double cpu;
            try {
                cpu = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new ClientUsageException(CPU.name() + ": '" + value + "' is not a number");
            }
            if (!(cpu > 0 && cpu <= 4096)) {
                throw new ClientUsageException(CPU.name() + ": " + value + " is out of range (more than 0, at most 4096)");
            }
            fields.withObjectProperty("resources").put("cpu", cpu);
        }
        OptionValues.integer(args, MEMORY_MB, 0, Long.MAX_VALUE).ifPresent(mb -> fields.withObjectProperty("resources").put("memory_mb", mb));
        OptionValues.integer(args, DISK_MB, 0, Long.MAX_VALUE).ifPresent(mb -> fields.withObjectProperty("resources").put("disk_mb", mb));
    }

    /** Runs a parser whose {@link IllegalArgumentException} message says what is wrong with the value. */
    private static <T> T parse(OptionSpec option, java.util.function.Supplier<T> parser) throws ClientUsageException {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ClientUsageException(option.name() + ": " + e.getMessage());
        }
    }
}
