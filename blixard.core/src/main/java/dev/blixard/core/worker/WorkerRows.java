package dev.blixard.core.worker;

import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import dev.blixard.core.job.JsonText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads workers from their rows, with the jobs they hold. */
public final class WorkerRows {
    private static final String COLUMNS = "id, worker_types, capacity, cpu, memory_mb, disk_mb, labels, status, node_id,"
            + " registered_at, last_heartbeat_at, version";

    private WorkerRows() {
    }

    /** @return the worker with the ids of the jobs it holds, or {@code null} when unknown */
    public static StoredWorker find(Connection connection, String workerId) throws SQLException {
        return find(connection, workerId, true);
    }

    /**
     * @param withJobIds whether to list the held jobs' ids; a claim needs only how many there are and what
     *        they requested, which the index answers without reading every held job's id
     * @return the worker, or {@code null} when unknown
     */
    public static StoredWorker find(Connection connection, String workerId, boolean withJobIds) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM workers WHERE id = ?")) {
            query.setString(1, workerId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? read(connection, row, withJobIds) : null;
            }
        }
    }

    /** @return every worker, ordered by id */
    public static List<StoredWorker> all(Connection connection) throws SQLException {
        List<StoredWorker> workers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM workers ORDER BY id");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                workers.add(read(connection, row, true));
            }
        }
        return workers;
    }

    private static StoredWorker read(Connection connection, ResultSet row, boolean withJobIds) throws SQLException {
        String id = row.getString(1);
        WorkerRegistration registration = WorkerRegistration.builder(id)
                .workerTypes(JsonText.list(row.getString(2)))
                .capacity(row.getInt(3))
                .resources(new Resources(row.getDouble(4), row.getLong(5), row.getLong(6)))
                .labels(JsonText.map(row.getString(7)))
                .build();
        Held held = withJobIds ? held(connection, id) : heldSummary(connection, id, registration.resources());
        Worker worker = new Worker(registration, WorkerStatus.valueOf(row.getString(8)), held.jobIds, row.getString(9),
                Instant.ofEpochMilli(row.getLong(10)), Instant.ofEpochMilli(row.getLong(11)));
        return new StoredWorker(worker, row.getLong(12), held.resources, held.count);
    }

    /** How many jobs the worker holds, and (only if it declared resources) what they requested. */
    private static Held heldSummary(Connection connection, String workerId, Resources declared) throws SQLException {
        boolean limited = !declared.equals(Resources.NONE);
        String sql = limited
                ? "SELECT count(*), total(cpu), total(memory_mb), total(disk_mb) FROM jobs"
                        + " WHERE worker_id = ? AND lease_expires_at IS NOT NULL"
                : "SELECT count(*) FROM jobs WHERE worker_id = ? AND lease_expires_at IS NOT NULL";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, workerId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Resources used = limited ? new Resources(Math.min(row.getDouble(2), 4096), row.getLong(3), row.getLong(4))
                        : Resources.NONE;
                return new Held(List.of(), used, row.getInt(1));
            }
        }
    }

    private static Held held(Connection connection, String workerId) throws SQLException {
        List<String> ids = new ArrayList<>();
        double cpu = 0;
        long memory = 0;
        long disk = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT id, cpu, memory_mb, disk_mb FROM jobs"
                + " WHERE worker_id = ? AND lease_expires_at IS NOT NULL ORDER BY id")) {
            query.setString(1, workerId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                    cpu += row.getDouble(2);
                    memory += row.getLong(3);
                    disk += row.getLong(4);
                }
            }
        }
        return new Held(ids, new Resources(Math.min(cpu, 4096), memory, disk), ids.size());
    }

    private record Held(List<String> jobIds, Resources resources, int count) {
    }
}
