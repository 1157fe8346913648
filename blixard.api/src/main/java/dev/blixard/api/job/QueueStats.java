package dev.blixard.api.job;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A summary of the queue at one moment.
 *
 * @param byStatus number of jobs in each status (every status present, zero when none)
 * @param byWorkerType number of jobs in each status per worker type; jobs for any worker count under
 *        {@link #ANY_WORKER_TYPE}
 * @param oldestPendingAge how long the oldest pending job (waiting for a worker, its run_after or its
 *        dependencies) has waited, or {@code null} when none
 * @param throughput completions and failures over recent windows (1 and 5 minutes), shortest first
 * @param observedAt when the figures were read
 */
public record QueueStats(Map<JobStatus, Long> byStatus, Map<String, Map<JobStatus, Long>> byWorkerType,
        Duration oldestPendingAge, List<Throughput> throughput, Instant observedAt) {

    /** The key under which jobs without worker types are counted. */
    public static final String ANY_WORKER_TYPE = "*";

    public QueueStats {
        Map<JobStatus, Long> complete = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            complete.put(status, Objects.requireNonNull(byStatus, "byStatus").getOrDefault(status, 0L));
        }
        byStatus = Map.copyOf(complete);
        byWorkerType = Map.copyOf(Objects.requireNonNull(byWorkerType, "byWorkerType"));
        throughput = List.copyOf(Objects.requireNonNull(throughput, "throughput"));
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** @return the number of jobs in {@code status} */
    public long count(JobStatus status) {
        return byStatus.get(status);
    }

    /** @return the total number of jobs */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the age of the oldest pending job, if any */
    public Optional<Duration> oldestPending() {
        return Optional.ofNullable(oldestPendingAge);
    }

    /**
     * Jobs finished over a recent window.
     *
     * @param window the length of the window, ending at the observation time
     * @param completed jobs completed in the window
     * @param failed jobs dead-lettered in the window
     */
    public record Throughput(Duration window, long completed, long failed) {

        public Throughput {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a throughput window must be positive");
            }
        }

        /** @return completions per second over the window */
        public double completedPerSecond() {
            return completed * 1000.0 / window.toMillis();
        }
    }
}
