package dev.blixard.launcher.client;

import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;

/** How {@code blixard workers} reads: the registered workers with their status, capacity and load. */
final class WorkersView {

    private WorkersView() {
    }

    static String render(JsonNode document) {
        return table(document.path("workers"), ZoneId.systemDefault()).renderOr("No workers.");
    }

    static Table table(JsonNode workers, ZoneId zone) {
        Table table = new Table("WORKER", "STATUS", "TYPES", "CAPACITY", "FREE", "RUNNING", "NODE", "LAST HEARTBEAT");
        for (JsonNode worker : workers) {
            String types = Json.list(worker, "worker_types");
            table.row(Json.text(worker, "worker_id"), Json.text(worker, "status"), types.equals("-") ? "any" : types,
                    Json.text(worker, "capacity"), Json.text(worker, "free_slots"),
                    Integer.toString(worker.path("running_jobs").size()), Json.text(worker, "node_id"),
                    Times.local(Json.text(worker, "last_heartbeat_at"), zone));
        }
        return table;
    }
}
