package dev.blixard.core.queue;

import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.core.job.JsonText;
import dev.blixard.store.Statement;

/** The writes of worker rows; the WORKER events follow from them by trigger. */
final class WorkerStatements {

    private WorkerStatements() {
    }

    /** Registers a worker, or updates its registration; a draining worker stays draining, a lost one is back. */
    static Statement upsert(WorkerRegistration registration, String nodeId, long now, String note) {
        return Statement.of("INSERT INTO workers (id, worker_types, capacity, cpu, memory_mb, disk_mb, labels, status,"
                + " node_id, registered_at, last_heartbeat_at, note, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, 1)"
                + " ON CONFLICT(id) DO UPDATE SET worker_types = excluded.worker_types, capacity = excluded.capacity,"
                + " cpu = excluded.cpu, memory_mb = excluded.memory_mb, disk_mb = excluded.disk_mb,"
                + " labels = excluded.labels, node_id = excluded.node_id, last_heartbeat_at = excluded.last_heartbeat_at,"
                + " note = excluded.note, version = version + 1,"
                + " status = CASE status WHEN 'DRAINING' THEN 'DRAINING' ELSE 'ACTIVE' END",
                registration.workerId(), JsonText.ofList(registration.workerTypes()), registration.capacity(),
                registration.resources().cpu(), registration.resources().memoryMb(), registration.resources().diskMb(),
                JsonText.ofMap(registration.labels()), nodeId, now, now, note);
    }

    /** Marks a worker heard from now; a lost worker that speaks again is active. */
    static Statement alive(String workerId, long now) {
        return Statement.of("UPDATE workers SET last_heartbeat_at = ?, note = CASE status WHEN 'LOST' THEN 'heard from again'"
                + " ELSE note END, status = CASE status WHEN 'LOST' THEN 'ACTIVE' ELSE status END WHERE id = ?", now, workerId);
    }
}
