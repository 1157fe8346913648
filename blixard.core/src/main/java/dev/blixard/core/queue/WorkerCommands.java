package dev.blixard.core.queue;

import dev.blixard.api.NotFoundException;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.core.worker.StoredWorker;
import dev.blixard.core.worker.WorkerRows;
import dev.blixard.store.Consistency;
import dev.blixard.store.Statement;
import dev.blixard.store.StatementResult;
import dev.blixard.store.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The worker registry's commands and reads; heartbeats renew every lease the worker holds. */
public final class WorkerCommands {
    /** Registration label by which a node's own agent names the node it runs in. */
    public static final String NODE_LABEL = "blixard.node";

    private final QueueContext context;
    private final Transitions transitions;

    public WorkerCommands(QueueContext context, Transitions transitions) {
        this.context = context;
        this.transitions = transitions;
    }

    public Worker register(WorkerRegistration registration) {
        String node = registration.labels().get(NODE_LABEL);
        context.database().write(List.of(WorkerStatements.upsert(registration, node, context.now(), null)));
        return get(registration.workerId(), Consistency.LINEARIZABLE)
                .orElseThrow(() -> new NotFoundException("worker", registration.workerId()));
    }

    /**
     * Marks the worker alive, renews each held lease by the length it was claimed with, and hands over (once)
     * the jobs it must stop.
     */
    public HeartbeatResponse heartbeat(String workerId) {
        long now = context.now();
        WriteResult result = context.database().write(List.of(
                Statement.of("UPDATE workers SET last_heartbeat_at = ?, note = CASE status WHEN 'LOST'"
                        + " THEN 'heard from again' ELSE note END, status = CASE status WHEN 'LOST' THEN 'ACTIVE'"
                        + " ELSE status END WHERE id = ?", now, workerId),
                Statement.of("UPDATE jobs SET lease_expires_at = ? + lease_ms WHERE worker_id = ?"
                        + " AND lease_expires_at IS NOT NULL", now, workerId),
                Statement.of("DELETE FROM stop_requests WHERE worker_id = ? RETURNING job_id", workerId),
                Statement.of("SELECT min(lease_expires_at) FROM jobs WHERE worker_id = ? AND lease_expires_at IS NOT NULL",
                        workerId)));
        if (result.result(0).rowsAffected() == 0) {
            throw new NotFoundException("worker", workerId);
        }
        List<String> cancel = new ArrayList<>();
        for (List<Object> row : result.result(2).rows()) {
            cancel.add((String) row.get(0));
        }
        StatementResult earliest = result.result(3);
        Object leaseEnd = earliest.rows().isEmpty() ? null : earliest.rows().get(0).get(0);
        long expires = leaseEnd instanceof Number ? ((Number) leaseEnd).longValue()
                : now + context.settings().workerTimeout().toMillis();
        return new HeartbeatResponse(cancel, Instant.ofEpochMilli(expires));
    }

    public Worker drain(String workerId) {
        WriteResult result = context.database().write(List.of(Statement.of("UPDATE workers SET status = 'DRAINING',"
                + " note = 'draining', version = version + 1 WHERE id = ?", workerId)));
        if (result.result(0).rowsAffected() == 0) {
            throw new NotFoundException("worker", workerId);
        }
        return get(workerId, Consistency.LINEARIZABLE).orElseThrow(() -> new NotFoundException("worker", workerId));
    }

    /** Releases what the worker holds (no attempt counted), then forgets it. */
    public void deregister(String workerId) {
        Worker worker = get(workerId, Consistency.LINEARIZABLE).orElseThrow(() -> new NotFoundException("worker", workerId));
        for (String jobId : worker.runningJobs()) {
            try {
                transitions.release(jobId, workerId, "worker deregistered");
            } catch (dev.blixard.api.ConflictException | NotFoundException e) {
                // It finished or moved on meanwhile: nothing left to give back.
            }
        }
        long now = context.now();
        context.database().write(List.of(
                Statement.of("UPDATE workers SET note = 'deregistered', last_heartbeat_at = ? WHERE id = ?", now, workerId),
                Statement.of("DELETE FROM stop_requests WHERE worker_id = ?", workerId),
                Statement.of("DELETE FROM workers WHERE id = ?", workerId)));
    }

    public Optional<Worker> get(String workerId, Consistency consistency) {
        StoredWorker stored = context.database().read(consistency, connection -> WorkerRows.find(connection, workerId));
        return Optional.ofNullable(stored).map(StoredWorker::worker);
    }

    public List<Worker> list() {
        return context.database().read(Consistency.LOCAL, WorkerRows::all).stream().map(StoredWorker::worker).toList();
    }
}
