package dev.blixard.api.backend;

import dev.blixard.api.job.Resources;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend has to offer now.
 *
 * @param total the compute it manages in all
 * @param available what is free now
 * @param runningExecutions executions in progress
 * @param maxConcurrentExecutions how many it runs at once
 * @param labels facts about it that jobs' placement constraints can match (for example {@code arch=amd64})
 */
public record ResourceInfo(Resources total, Resources available, int runningExecutions, int maxConcurrentExecutions,
        Map<String, String> labels) {

    public ResourceInfo {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(available, "available");
        if (runningExecutions < 0 || maxConcurrentExecutions < 1) {
            throw new IllegalArgumentException("running executions must be >= 0 and the maximum >= 1, were "
                    + runningExecutions + " and " + maxConcurrentExecutions);
        }
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    }

    /** @return how many more executions it takes now */
    public int freeSlots() {
        return Math.max(0, maxConcurrentExecutions - runningExecutions);
    }
}
