package dev.blixard.core.event;

import dev.blixard.core.queue.QueueDatabase;
import dev.blixard.store.Consistency;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Reads the replicated event log in order. */
final class EventLog {
    private final QueueDatabase database;

    EventLog(QueueDatabase database) {
        this.database = database;
    }

    /** @return the position of the newest event, 0 when the log is empty */
    long head() {
        return position("SELECT coalesce(max(seq), 0) FROM events");
    }

    /** @return the position of the oldest event still kept, 0 when the log is empty */
    long tail() {
        return position("SELECT coalesce(min(seq), 0) FROM events");
    }

    private long position(String sql) {
        return database.read(Consistency.LOCAL, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** @return up to {@code limit} events after {@code seq}, oldest first */
    List<StoredEvent> after(long seq, int limit) {
        return database.read(Consistency.LOCAL, connection -> {
            List<StoredEvent> events = new ArrayList<>();
            // The job's creation time comes from its row (it never changes), so that a completion's event tells the
            // job's whole time in the system without the log storing it in every event.
            try (PreparedStatement query = connection.prepareStatement("SELECT e.seq, e.topic, e.job_id, e.status,"
                    + " e.previous_status, e.attempt, e.worker_id, e.tenant, e.worker_types, e.reason, e.at, j.created_at"
                    + " FROM events e LEFT JOIN jobs j ON j.id = e.job_id WHERE e.seq > ? ORDER BY e.seq LIMIT ?")) {
                query.setLong(1, seq);
                query.setInt(2, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        int attempt = row.getInt(6);
                        Integer attemptOrNull = row.wasNull() ? null : attempt;
                        events.add(new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getString(5), attemptOrNull, row.getString(7), row.getString(8), row.getString(9),
                                row.getString(10), row.getLong(11), row.getObject(12) == null ? null : row.getLong(12)));
                    }
                }
            }
            return events;
        });
    }
}
