package dev.blixard.backend.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Random;

/**
 * What one simulated execution will do, decided when it is submitted: from the job's payload where it
 * says ({@code {"outcome": "fail", "duration_ms": 200, "exit_code": 3, "stdout": "…", "output": {…}}}, every
 * field optional), otherwise drawn from the backend's configured rates.
 */
record MockScenario(MockOutcome outcome, Duration duration, int exitCode, String stdout, String outputJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException when the payload is not JSON or its {@code mock} section is malformed
     */
    static MockScenario decide(String payloadJson, MockBackendConfig config, Random random) {
        JsonNode payload;
        try {
            payload = JSON.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON: " + e.getOriginalMessage());
        }
        // Only an object payload can steer the mock; any other JSON value runs with the configured defaults.
        JsonNode mock = payload != null && payload.isObject() ? payload : null;
        MockOutcome outcome = mock != null && mock.hasNonNull("outcome") ? MockOutcome.parse(mock.get("outcome").asText())
                : draw(config, random);
        Duration duration = mock != null && mock.hasNonNull("duration_ms") ? nonNegativeMillis(mock.get("duration_ms"))
                : Duration.ofMillis(latency(config, random));
        int exitCode = mock != null && mock.hasNonNull("exit_code") ? mock.get("exit_code").asInt()
                : outcome == MockOutcome.FAIL ? 1 : 0;
        String stdout = mock != null && mock.hasNonNull("stdout") ? mock.get("stdout").asText() : "";
        String output = mock != null && mock.has("output") ? mock.get("output").toString()
                : "{\"duration_ms\":" + duration.toMillis() + "}";
        return new MockScenario(outcome, duration, exitCode, stdout, output);
    }

    private static Duration nonNegativeMillis(JsonNode value) {
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException("duration_ms must be a non-negative integer, was " + value);
        }
        return Duration.ofMillis(value.asLong());
    }

    private static MockOutcome draw(MockBackendConfig config, Random random) {
        double roll = random.nextDouble();
        if (roll < config.crash_rate()) {
            return MockOutcome.CRASH;
        }
        if (roll < config.crash_rate() + config.hang_rate()) {
            return MockOutcome.HANG;
        }
        if (roll < config.crash_rate() + config.hang_rate() + config.failure_rate()) {
            return MockOutcome.FAIL;
        }
        return MockOutcome.SUCCESS;
    }

    private static long latency(MockBackendConfig config, Random random) {
        long min = Math.max(0, config.latency_min_ms());
        long max = Math.max(min, config.latency_max_ms());
        return min == max ? min : min + (long) (random.nextDouble() * (max - min + 1));
    }
}
