package dev.blixard.core.queue;

import dev.blixard.core.job.JobRows;
import dev.blixard.core.job.JobState;
import dev.blixard.core.schema.QueueSchema;
import dev.blixard.store.Consistency;
import dev.blixard.store.Statement;
import dev.blixard.store.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of the leader's housekeeping, with the leader's clock: lapsed leases end their attempt (counted:
 * back to Pending after backoff, or Failed), silent workers are marked lost and their jobs taken back, and
 * the event log, throughput buckets and undelivered stop requests are trimmed.
 */
public final class Reaper {
    /** Leases handled per pass, so one pass stays one modest write. */
    private static final int BATCH = 500;
    private static final long THROUGHPUT_KEPT_MS = 3_600_000;
    private static final long STOP_REQUESTS_KEPT_MS = 600_000;

    /** Workers silent since the given time. */
    static final String SILENT_WORKERS =
            "SELECT id FROM workers WHERE status <> 'LOST' AND last_heartbeat_at < ? ORDER BY id";
    /** Leases lapsed at the given time, oldest first, at most the given number. */
    static final String LAPSED_LEASES = "SELECT " + JobRows.STATE_COLUMNS
            + " FROM jobs j WHERE j.lease_expires_at < ? ORDER BY j.lease_expires_at LIMIT ?";
    /** The leases a worker still holds at the given time. */
    static final String HELD_LEASES = "SELECT " + JobRows.STATE_COLUMNS
            + " FROM jobs j WHERE j.worker_id = ? AND j.lease_expires_at >= ?";
    /**
     * Whether the event log outgrew its retention or old throughput buckets or stop requests are left. Two
     * subqueries, not {@code max(seq) - min(seq)} in one: SQLite answers a lone min() or max() from the primary
     * key, but both in one SELECT scan the whole table (40 ms a pass at 200,000 events).
     */
    static final String TRIM_DUE = "SELECT (SELECT max(seq) FROM events) - (SELECT min(seq) FROM events) > ?"
            + " OR EXISTS (SELECT 1 FROM throughput WHERE bucket < ?)"
            + " OR EXISTS (SELECT 1 FROM stop_requests WHERE at < ?)";

    private final QueueContext context;
    private final Transitions transitions;

    public Reaper(QueueContext context, Transitions transitions) {
        this.context = context;
        this.transitions = transitions;
    }

    /** @return what the pass changed */
    public Outcome pass() {
        long now = context.now();
        long silentSince = now - context.settings().workerTimeout().toMillis();
        Found found = context.database().read(Consistency.LOCAL, connection -> find(connection, now, silentSince));
        List<Statement> statements = new ArrayList<>();
        for (String worker : found.lostWorkers) {
            statements.add(Statement.of("UPDATE workers SET status = 'LOST', note = ?, version = version + 1"
                    + " WHERE id = ? AND status <> 'LOST' AND last_heartbeat_at < ?",
                    "no heartbeat for " + context.settings().workerTimeout().toMillis() + " ms", worker, silentSince));
        }
        int firstLease = statements.size();
        for (Lapsed lapsed : found.lapsed) {
            String why = lapsed.workerLost ? "worker " + lapsed.job.worker().orElse("?") + " was lost"
                    : "lease of worker " + lapsed.job.worker().orElse("?") + " expired";
            JobUpdate update = transitions.failed(lapsed.job, now, true, why, "LEASE_EXPIRED");
            // A heartbeat that renewed the lease after the read wins: only a lease still lapsed is taken.
            statements.add(lapsed.workerLost ? update.statement()
                    : update.where("lease_expires_at < ?", now).statement());
        }
        int leaseEnd = statements.size();
        statements.add(Statement.of("DELETE FROM events WHERE seq <= (SELECT max(seq) FROM events) - ?",
                context.settings().eventRetention()));
        statements.add(Statement.of("DELETE FROM throughput WHERE bucket < ?",
                (now - THROUGHPUT_KEPT_MS) / QueueSchema.THROUGHPUT_BUCKET_MS));
        statements.add(Statement.of("DELETE FROM stop_requests WHERE at < ?", now - STOP_REQUESTS_KEPT_MS));
        if (found.lostWorkers.isEmpty() && found.lapsed.isEmpty() && !found.trimDue) {
            return new Outcome(0, 0);
        }
        WriteResult result = context.database().write(statements);
        int expired = 0;
        for (int i = firstLease; i < leaseEnd; i++) {
            expired += (int) result.result(i).rowsAffected();
        }
        int lost = 0;
        for (int i = 0; i < firstLease; i++) {
            lost += (int) result.result(i).rowsAffected();
        }
        return new Outcome(expired, lost);
    }

    private Found find(Connection connection, long now, long silentSince) throws SQLException {
        List<String> lost = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SILENT_WORKERS)) {
            query.setLong(1, silentSince);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    lost.add(row.getString(1));
                }
            }
        }
        List<Lapsed> lapsed = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(LAPSED_LEASES)) {
            query.setLong(1, now);
            query.setInt(2, BATCH);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    lapsed.add(new Lapsed(JobRows.readState(row), false));
                }
            }
        }
        if (!lost.isEmpty()) {
            try (PreparedStatement query = connection.prepareStatement(HELD_LEASES)) {
                for (String worker : lost) {
                    query.setString(1, worker);
                    query.setLong(2, now);
                    try (ResultSet row = query.executeQuery()) {
                        while (row.next()) {
                            lapsed.add(new Lapsed(JobRows.readState(row), true));
                        }
                    }
                }
            }
        }
        boolean trimDue;
        try (PreparedStatement query = connection.prepareStatement(TRIM_DUE)) {
            query.setLong(1, context.settings().eventRetention());
            query.setLong(2, (now - THROUGHPUT_KEPT_MS) / QueueSchema.THROUGHPUT_BUCKET_MS);
            query.setLong(3, now - STOP_REQUESTS_KEPT_MS);
            try (ResultSet row = query.executeQuery()) {
                trimDue = row.next() && row.getBoolean(1);
            }
        }
        return new Found(lost, lapsed, trimDue);
    }

    /**
     * What a pass did.
     *
     * @param expiredLeases attempts ended because their lease lapsed or their worker was lost
     * @param lostWorkers workers marked lost
     */
    public record Outcome(int expiredLeases, int lostWorkers) {
    }

    private record Lapsed(JobState job, boolean workerLost) {
    }

    private record Found(List<String> lostWorkers, List<Lapsed> lapsed, boolean trimDue) {
    }
}
