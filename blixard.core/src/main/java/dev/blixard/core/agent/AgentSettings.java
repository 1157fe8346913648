package dev.blixard.core.agent;

import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.worker.WorkerRegistration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's configuration, checked once: an inconsistent configuration fails activation with a message
 * naming the attribute, instead of surfacing later as refused claims.
 */
record AgentSettings(boolean enabled, int capacity, Map<String, Integer> capacities, Duration lease,
        Duration heartbeat, Duration claimWait, int maxClaim, Duration drainTimeout, Duration defaultTimeout,
        int reportThreads, Duration cancelGrace) {

    private static final Pattern OVERRIDE = Pattern.compile("\\s*([a-z][a-z0-9_.-]{0,63})\\s*=\\s*(\\d{1,9})\\s*");

    AgentSettings {
        capacities = Map.copyOf(capacities);
    }

    /** @throws IllegalArgumentException naming every attribute that is out of range */
    static AgentSettings of(AgentConfig config) {
        StringBuilder problems = new StringBuilder();
        check(problems, config.capacity() >= 1 && config.capacity() <= WorkerRegistration.MAX_CAPACITY, "capacity",
                config.capacity() + " is out of range [1, " + WorkerRegistration.MAX_CAPACITY + "]");
        Map<String, Integer> capacities = new HashMap<>();
        for (String entry : config.capacities() == null ? new String[0] : config.capacities()) {
            Matcher matcher = OVERRIDE.matcher(entry);
            int value = matcher.matches() ? Integer.parseInt(matcher.group(2)) : -1;
            if (check(problems, value >= 1 && value <= WorkerRegistration.MAX_CAPACITY, "capacities",
                    "'" + entry + "' is not type=N with N in [1, " + WorkerRegistration.MAX_CAPACITY + "]")) {
                capacities.put(matcher.group(1), value);
            }
        }
        Duration lease = Duration.ofMillis(config.lease_ms());
        check(problems, lease.compareTo(ClaimRequest.MIN_LEASE) >= 0 && lease.compareTo(ClaimRequest.MAX_LEASE) <= 0,
                "lease_ms", config.lease_ms() + " is out of range [" + ClaimRequest.MIN_LEASE.toMillis() + ", "
                        + ClaimRequest.MAX_LEASE.toMillis() + "]");
        check(problems, config.heartbeat_ms() > 0 && config.heartbeat_ms() < config.lease_ms(), "heartbeat_ms",
                config.heartbeat_ms() + " must be positive and shorter than lease_ms " + config.lease_ms());
        check(problems, config.claim_wait_ms() >= 0 && config.claim_wait_ms() <= ClaimRequest.MAX_WAIT.toMillis(),
                "claim_wait_ms", config.claim_wait_ms() + " is out of range [0, " + ClaimRequest.MAX_WAIT.toMillis() + "]");
        check(problems, config.max_claim() >= 1 && config.max_claim() <= ClaimRequest.MAX_JOBS, "max_claim",
                config.max_claim() + " is out of range [1, " + ClaimRequest.MAX_JOBS + "]");
        check(problems, config.drain_timeout_ms() >= 0, "drain_timeout_ms", "must not be negative");
        check(problems, config.cancel_grace_ms() >= 0, "cancel_grace_ms", "must not be negative");
        check(problems, config.default_timeout_ms() > 0, "default_timeout_ms", "must be positive");
        check(problems, config.report_threads() >= 1 && config.report_threads() <= 1024, "report_threads",
                config.report_threads() + " is out of range [1, 1024]");
        if (problems.length() > 0) {
            throw new IllegalArgumentException("invalid worker agent configuration:" + problems);
        }
        return new AgentSettings(config.enabled(), config.capacity(), capacities, lease,
                Duration.ofMillis(config.heartbeat_ms()), Duration.ofMillis(config.claim_wait_ms()), config.max_claim(),
                Duration.ofMillis(config.drain_timeout_ms()), Duration.ofMillis(config.default_timeout_ms()),
                config.report_threads(), Duration.ofMillis(config.cancel_grace_ms()));
    }

    /** @return the configured capacity of {@code type} */
    int capacityOf(String type) {
        return capacities.getOrDefault(type, capacity);
    }

    private static boolean check(StringBuilder problems, boolean condition, String attribute, String message) {
        if (!condition) {
            problems.append(' ').append(attribute).append(": ").append(message).append(';');
        }
        return condition;
    }
}
