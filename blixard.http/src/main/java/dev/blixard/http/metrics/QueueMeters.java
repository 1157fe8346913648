package dev.blixard.http.metrics;

import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queue's jobs, from {@link QueueStats}: {@code blixard_jobs{status}},
 * {@code blixard_jobs_by_worker_type{worker_type,status}} and {@code blixard_jobs_oldest_pending_age_seconds}.
 * Without stats (no queue service on this node now) the gauges have no values rather than zeros.
 */
final class QueueMeters {
    private final Cached<QueueStats> stats;
    private final MultiGauge byStatus;
    private final MultiGauge byWorkerType;
    private final MultiGauge oldestPending;

    QueueMeters(MeterRegistry registry, Cached<QueueStats> stats) {
        this.stats = stats;
        this.byStatus = MultiGauge.builder("blixard.jobs")
                .description("Jobs in the queue by status (the replicated store's figures)").register(registry);
        this.byWorkerType = MultiGauge.builder("blixard.jobs.by.worker.type")
                .description("Jobs in the queue by worker type and status; jobs for any worker under worker_type=\"*\"")
                .register(registry);
        this.oldestPending = MultiGauge.builder("blixard.jobs.oldest.pending.age").baseUnit("seconds")
                .description("How long the oldest pending job has waited").register(registry);
    }

    /** Sets the gauges from the stats, read at most once per time to live. */
    void refresh() {
        QueueStats current = stats.get().orElse(null);
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
        List<MultiGauge.Row<?>> typeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
        if (current != null) {
            addCounts(statusRows, Tags.empty(), current.byStatus());
            current.byWorkerType().forEach((type, counts) -> addCounts(typeRows, Tags.of("worker_type", type), counts));
            oldestRows.add(MultiGauge.Row.of(Tags.empty(),
                    current.oldestPending().map(age -> age.toNanos() / 1e9).orElse(0.0)));
        }
        byStatus.register(statusRows, true);
        byWorkerType.register(typeRows, true);
        oldestPending.register(oldestRows, true);
    }

    private static void addCounts(List<MultiGauge.Row<?>> rows, Tags tags, Map<JobStatus, Long> counts) {
        for (JobStatus status : JobStatus.values()) {
            rows.add(MultiGauge.Row.of(tags.and("status", status.metricName()), counts.getOrDefault(status, 0L)));
        }
    }
}
