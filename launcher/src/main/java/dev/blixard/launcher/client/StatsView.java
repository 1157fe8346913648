package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** How {@code blixard stats} reads: job counts by status and worker type, the oldest pending job, throughput. */
final class StatsView {

    static final List<String> STATUSES = List.of("Pending", "Claimed", "InProgress", "Completed", "Failed", "Cancelled");

    private StatsView() {
    }

    static String render(JsonNode stats) {
        JsonNode oldest = stats.path("oldest_pending_age_ms");
        StringBuilder text = new StringBuilder(new Fields()
                .add("total jobs", Json.text(stats, "total"))
                .add("oldest pending", oldest.isNumber() ? Times.duration(oldest.asLong()) : "-")
                .render());

        List<String> headers = new ArrayList<>(List.of("TYPE"));
        headers.addAll(STATUSES);
        Table byType = new Table(headers.toArray(String[]::new));
        byType.row(counts("all", stats.path("by_status")));
        stats.path("by_worker_type").fields().forEachRemaining(type -> byType.row(counts(type.getKey(), type.getValue())));
        text.append('\n').append(byType.render());

        Table throughput = new Table("WINDOW", "COMPLETED", "FAILED", "COMPLETED/S");
        for (JsonNode window : stats.path("throughput")) {
            throughput.row(Times.duration(window.path("window_ms").asLong()), Json.text(window, "completed"),
                    Json.text(window, "failed"), String.format("%.2f", window.path("completed_per_second").asDouble()));
        }
        if (!throughput.isEmpty()) {
            text.append('\n').append(throughput.render());
        }
        return text.toString();
    }

    private static String[] counts(String label, JsonNode byStatus) {
        List<String> cells = new ArrayList<>(List.of(label));
        STATUSES.forEach(status -> cells.add(Long.toString(byStatus.path(status).asLong())));
        return cells.toArray(String[]::new);
    }
}
