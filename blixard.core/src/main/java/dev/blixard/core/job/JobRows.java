package dev.blixard.core.job;

import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Backoff;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads jobs from their rows: the one place that knows how a {@link Job} is laid out in the tables. */
public final class JobRows {

    /** Every column a {@link StoredJob} needs, in the order {@link #read(ResultSet)} expects, prefixed {@code j.}. */
    public static final String COLUMNS = "j.id, j.tenant, j.payload, j.worker_types, j.priority, j.run_after,"
            + " j.max_attempts, j.backoff_initial_ms, j.backoff_max_ms, j.backoff_multiplier, j.backoff_jitter,"
            + " j.timeout_ms, j.cpu, j.memory_mb, j.disk_mb, j.labels, j.depends_on, j.idempotency_key, j.status,"
            + " j.attempt, j.failures, j.worker_id, j.lease_expires_at, j.lease_ms, j.result, j.error, j.created_at,"
            + " j.updated_at, j.claimed_at, j.started_at, j.finished_at, j.version";

    /** The columns {@link #readState(ResultSet)} expects, prefixed {@code j.}. */
    public static final String STATE_COLUMNS = "j.id, j.status, j.worker_id, j.attempt, j.failures, j.version,"
            + " j.max_attempts, j.backoff_initial_ms, j.backoff_max_ms, j.backoff_multiplier, j.backoff_jitter";

    private JobRows() {
    }

    /** @return the state of the current row of a query over {@link #STATE_COLUMNS} */
    public static JobState readState(ResultSet row) throws SQLException {
        return new JobState(row.getString(1), JobStatus.parse(row.getString(2)), row.getString(3), row.getInt(4),
                row.getInt(5), row.getLong(6), row.getInt(7), new Backoff(Duration.ofMillis(row.getLong(8)),
                        Duration.ofMillis(row.getLong(9)), row.getDouble(10), row.getDouble(11)));
    }

    /** @return the job of the current row of a query over {@link #COLUMNS} (without attempt history) */
    public static StoredJob read(ResultSet row) throws SQLException {
        JobSubmission.Builder spec = JobSubmission.builder(row.getString(3))
                .tenant(row.getString(2))
                .workerTypes(JsonText.list(row.getString(4)))
                .priority(row.getInt(5))
                .maxAttempts(row.getInt(7))
                .backoff(new Backoff(Duration.ofMillis(row.getLong(8)), Duration.ofMillis(row.getLong(9)),
                        row.getDouble(10), row.getDouble(11)))
                .resources(new Resources(row.getDouble(13), row.getLong(14), row.getLong(15)))
                .labels(JsonText.map(row.getString(16)))
                .dependsOn(JsonText.list(row.getString(17)))
                .idempotencyKey(row.getString(18));
        long runAfter = row.getLong(6);
        if (runAfter > 0) {
            spec.runAfter(Instant.ofEpochMilli(runAfter));
        }
        long timeout = row.getLong(12);
        if (!row.wasNull()) {
            spec.timeout(Duration.ofMillis(timeout));
        }
        Job job = Job.builder(row.getString(1), spec.build(), Instant.ofEpochMilli(row.getLong(27)))
                .status(JobStatus.parse(row.getString(19)))
                .attempt(row.getInt(20))
                .workerId(row.getString(22))
                .leaseExpiresAt(instant(row, 23))
                .result(row.getString(25))
                .error(row.getString(26))
                .updatedAt(instant(row, 28))
                .claimedAt(instant(row, 29))
                .startedAt(instant(row, 30))
                .finishedAt(instant(row, 31))
                .build();
        long leaseMs = row.getLong(24);
        return new StoredJob(job, row.getLong(32), row.getInt(21), row.wasNull() ? 0 : leaseMs);
    }

    /** @return the job with this id and its attempt history, or {@code null} */
    public static StoredJob find(Connection connection, String jobId) throws SQLException {
        StoredJob stored;
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM jobs j WHERE j.id = ?")) {
            query.setString(1, jobId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                stored = read(row);
            }
        }
        return stored.withAttempts(attempts(connection, jobId));
    }

    /** @return the attempts of a job, oldest first */
    public static List<JobAttempt> attempts(Connection connection, String jobId) throws SQLException {
        List<JobAttempt> attempts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT number, worker_id, claimed_at, started_at,"
                + " finished_at, outcome, error FROM job_attempts WHERE job_id = ? ORDER BY number")) {
            query.setString(1, jobId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    attempts.add(new JobAttempt(row.getInt(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                            instant(row, 4), instant(row, 5), AttemptOutcome.valueOf(row.getString(6)),
                            row.getString(7)));
                }
            }
        }
        return attempts;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
