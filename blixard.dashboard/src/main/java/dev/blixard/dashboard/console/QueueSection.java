package dev.blixard.dashboard.console;

import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.service.JobQueryService;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job queue's figures from {@link JobQueryService#stats()}: jobs by status, by worker type, the oldest
 * pending job's wait and the recent throughput. The figures come from this node's replica, so the section says
 * when they were read.
 */
final class QueueSection extends Section {

    private final JobQueryService queries;

    /** @param queries the queue's read side, or {@code null} when it is not registered */
    QueueSection(JobQueryService queries) {
        super("blixard-queue", "Job queue", "The job queue");
        this.queries = queries;
    }

    @Override
    protected void body(Html out, Instant now) {
        if (queries == null) {
            unavailable(out, "its query service is not registered, which happens while the replicated store has "
                    + "no leader and while the node starts or stops.");
            return;
        }
        QueueStats stats = queries.stats();
        statline(out, stats.total() + (stats.total() == 1 ? " job" : " jobs") + " in the queue; "
                + stats.oldestPending().map(age -> "the oldest pending job has waited " + TimeText.duration(age))
                        .orElse("no job is pending")
                + ".");
        out.open("p", "class", "blixard-observed").text("Figures from this node's replica, read at ");
        when(out, stats.observedAt(), now);
        out.text(".").close("p").newline();

        byStatus(out, stats);
        byWorkerType(out, stats);
        throughput(out, stats);
    }

    private static void byStatus(Html out, QueueStats stats) {
        subheading(out, "Jobs by status");
        openTable(out, "blixard-queue-status", "Status", "Jobs");
        for (JobStatus status : JobStatus.values()) {
            out.open("tr", "data-status", status.displayName()).element("td", status.displayName());
            number(out, stats.count(status));
            out.close("tr").newline();
        }
        closeTable(out);
    }

    private static void byWorkerType(Html out, QueueStats stats) {
        subheading(out, "Jobs by worker type");
        if (stats.byWorkerType().isEmpty()) {
            statline(out, "No jobs yet, so no worker types.");
            return;
        }
        String[] headings = new String[JobStatus.values().length + 2];
        headings[0] = "Worker type";
        for (JobStatus status : JobStatus.values()) {
            headings[status.ordinal() + 1] = status.displayName();
        }
        headings[headings.length - 1] = "Total";
        openTable(out, "blixard-queue-types", headings);
        // Sorted by name, so the rows stay put from one reload to the next.
        for (Map.Entry<String, Map<JobStatus, Long>> type : new TreeMap<>(stats.byWorkerType()).entrySet()) {
            out.open("tr", "data-worker-type", type.getKey());
            out.element("td", QueueStats.ANY_WORKER_TYPE.equals(type.getKey()) ? "any type (*)" : type.getKey());
            long total = 0;
            for (JobStatus status : JobStatus.values()) {
                long count = type.getValue().getOrDefault(status, 0L);
                total += count;
                number(out, count);
            }
            number(out, total);
            out.close("tr").newline();
        }
        closeTable(out);
    }

    private static void throughput(Html out, QueueStats stats) {
        subheading(out, "Recent throughput");
        if (stats.throughput().isEmpty()) {
            statline(out, "No throughput figures are kept on this node.");
            return;
        }
        openTable(out, "blixard-queue-throughput", "Window", "Completed", "Failed (dead-lettered)",
                "Completed per second");
        for (QueueStats.Throughput window : stats.throughput()) {
            out.open("tr", "data-window", window.window().toString())
                    .element("td", "last " + TimeText.duration(window.window()));
            number(out, window.completed());
            number(out, window.failed());
            out.element("td", String.format(Locale.ROOT, "%.2f", window.completedPerSecond()),
                    "class", "blixard-number");
            out.close("tr").newline();
        }
        closeTable(out);
    }
}
