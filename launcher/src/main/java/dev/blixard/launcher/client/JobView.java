package dev.blixard.launcher.client;

import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;

/** How jobs read in a terminal: a table for a page of jobs, labelled fields and an attempt table for one job. */
final class JobView {

    private final ZoneId zone;

    JobView(ZoneId zone) {
        this.zone = zone;
    }

    Table list(JsonNode jobs) {
        Table table = new Table("ID", "STATUS", "TYPES", "PRIORITY", "ATTEMPT", "TENANT", "CREATED", "UPDATED");
        for (JsonNode job : jobs) {
            table.row(Json.text(job, "id"), Json.text(job, "status"), types(job), Json.text(job, "priority"),
                    attempt(job), Json.text(job, "tenant"), time(job, "created_at"), time(job, "updated_at"));
        }
        return table;
    }

    Fields detail(JsonNode job) {
        return new Fields()
                .add("id", Json.text(job, "id"))
                .add("status", Json.text(job, "status"))
                .add("types", types(job))
                .add("priority", Json.text(job, "priority"))
                .add("tenant", Json.text(job, "tenant"))
                .add("attempt", attempt(job))
                .add("worker", Json.text(job, "worker_id"))
                .add("lease expires", time(job, "lease_expires_at"))
                .add("run after", time(job, "run_after"))
                .add("timeout", job.path("timeout_ms").isNumber() ? Times.duration(job.get("timeout_ms").asLong()) : "-")
                .add("resources", Json.text(job, "resources"))
                .add("labels", job.path("labels").isEmpty() ? "-" : Json.text(job, "labels"))
                .add("depends on", Json.list(job, "depends_on"))
                .add("idempotency key", Json.text(job, "idempotency_key"))
                .add("created", time(job, "created_at"))
                .add("updated", time(job, "updated_at"))
                .add("claimed", time(job, "claimed_at"))
                .add("started", time(job, "started_at"))
                .add("finished", time(job, "finished_at"))
                .add("payload", Json.text(job, "payload"))
                .add("result", Json.text(job, "result"))
                .add("error", Json.text(job, "error"));
    }

    Table attempts(JsonNode job) {
        Table table = new Table("#", "WORKER", "OUTCOME", "CLAIMED", "STARTED", "FINISHED", "ERROR");
        for (JsonNode attempt : job.path("attempts")) {
            table.row(Json.text(attempt, "number"), Json.text(attempt, "worker_id"), Json.text(attempt, "outcome"),
                    time(attempt, "claimed_at"), time(attempt, "started_at"), time(attempt, "finished_at"),
                    Json.text(attempt, "error"));
        }
        return table;
    }

    private String time(JsonNode node, String field) {
        return Times.local(Json.text(node, field), zone);
    }

    private static String types(JsonNode job) {
        String types = Json.list(job, "worker_types");
        return types.equals("-") ? "any" : types;
    }

    private static String attempt(JsonNode job) {
        return Json.text(job, "attempt") + "/" + Json.text(job, "max_attempts");
    }
}
