package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/queue/stats}: {@code by_status} (every status), {@code by_worker_type} (per type, jobs for
 * any worker under {@code *}), {@code total}, {@code oldest_pending_age_ms}, {@code throughput} per window and
 * {@code observed_at}.
 */
public final class StatsJson {

    private StatsJson() {
    }

    public static ObjectNode write(QueueStats stats) {
        ObjectNode node = JsonCodec.object();
        node.set("by_status", counts(stats.byStatus()));
        ObjectNode byType = node.putObject("by_worker_type");
        new TreeMap<>(stats.byWorkerType()).forEach((type, counts) -> byType.set(type, counts(counts)));
        node.put("total", stats.total());
        JsonOut.millis(node, "oldest_pending_age_ms", stats.oldestPending());
        ArrayNode throughput = node.putArray("throughput");
        for (QueueStats.Throughput window : stats.throughput()) {
            ObjectNode entry = throughput.addObject();
            entry.put("window_ms", window.window().toMillis());
            entry.put("completed", window.completed());
            entry.put("failed", window.failed());
            entry.put("completed_per_second", window.completedPerSecond());
        }
        JsonOut.instant(node, "observed_at", stats.observedAt());
        return node;
    }

    /** Every status, in life-cycle order, zero when absent. */
    private static ObjectNode counts(Map<JobStatus, Long> counts) {
        ObjectNode node = JsonCodec.object();
        for (JobStatus status : JobStatus.values()) {
            node.put(status.displayName(), counts.getOrDefault(status, 0L));
        }
        return node;
    }
}
