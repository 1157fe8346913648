package dev.blixard.core.queue;

import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.core.job.JsonText;
import dev.blixard.store.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The statements that insert a submit's new jobs, several rows each. Apply pays a fixed cost per statement
 * (stepping, resetting, the driver's bookkeeping, the statement's result), about a fifth of a one-row insert;
 * many rows per statement spread it. Statements have 64, 16, 4 or 1 rows, the largest first (a batch of 100
 * is 64 + 16 + 16 + 4), so only four SQL texts exist and apply prepares each once. Triggers still fire once per
 * row, in row order, so what follows from each insert (its event, counters, ready row, dependencies) is the
 * same as with one statement per job.
 */
final class JobInserts {
    /** Rows per statement, largest first; 64 × 21 parameters is far below SQLite's limit of 32,766. */
    private static final int[] ROWS_PER_STATEMENT = {64, 16, 4, 1};

    private static final String COLUMNS = "INSERT INTO jobs (id, tenant, payload, worker_types, priority, run_after,"
            + " max_attempts, backoff_initial_ms, backoff_max_ms, backoff_multiplier, backoff_jitter, timeout_ms, cpu,"
            + " memory_mb, disk_mb, labels, depends_on, idempotency_key, status, created_at, updated_at, version)"
            + " VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
    private static final String[] SQL = new String[ROWS_PER_STATEMENT.length];

    static {
        for (int i = 0; i < ROWS_PER_STATEMENT.length; i++) {
            SQL[i] = COLUMNS + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT[i], ROW));
        }
    }

    private final List<Object[]> rows = new ArrayList<>();

    /** Adds job {@code id} as a new Pending job, created {@code now}. */
    void add(String id, JobSubmission submission, List<String> dependsOn, long now) {
        rows.add(new Object[] {id, submission.tenant(), submission.payload(), JsonText.ofList(submission.workerTypes()),
                submission.priority(), submission.runAfter().map(Instant::toEpochMilli).orElse(0L),
                submission.maxAttempts(), submission.backoff().initial().toMillis(), submission.backoff().max().toMillis(),
                submission.backoff().multiplier(), submission.backoff().jitter(),
                submission.timeout().map(Duration::toMillis).orElse(null), submission.resources().cpu(),
                submission.resources().memoryMb(), submission.resources().diskMb(), JsonText.ofMap(submission.labels()),
                JsonText.ofList(dependsOn), submission.idempotencyKey().orElse(null), JobStatus.PENDING.displayName(),
                now, now});
    }

    /** @return the statements that insert every job added, in the order added */
    List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        int next = 0;
        for (int size = 0; size < ROWS_PER_STATEMENT.length; size++) {
            int rowsEach = ROWS_PER_STATEMENT[size];
            for (; next + rowsEach <= rows.size(); next += rowsEach) {
                List<Object> parameters = new ArrayList<>(rowsEach * rows.get(next).length);
                for (Object[] row : rows.subList(next, next + rowsEach)) {
                    parameters.addAll(Arrays.asList(row));
                }
                statements.add(new Statement(SQL[size], parameters));
            }
        }
        return statements;
    }
}
