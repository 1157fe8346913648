package dev.blixard.api.backend;

import dev.blixard.api.job.Resources;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the node wants one execution run, beyond the job itself: limits decided by the node (the job's
 * timeout or the node's default, the resources placement granted) and environment it adds.
 *
 * @param attempt the job's attempt number, from 1
 * @param timeout wall-clock limit of this execution
 * @param resources the resources granted to it
 * @param environment variables the node adds (for example {@code BLIXARD_JOB_ID}); the payload's own
 *        environment, where a backend supports one, comes on top
 */
public record ExecutionConfig(int attempt, Duration timeout, Resources resources, Map<String, String> environment) {

    public ExecutionConfig {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, was " + attempt);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        Objects.requireNonNull(resources, "resources");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }
}
