package dev.blixard.core.schema;

import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queue's tables, indexes and triggers in the replicated SQLite database.
 *
 * <p>Core's Java code changes only the {@code jobs} and {@code workers} rows, each change a compare-and-set
 * on the row's {@code version}. Everything derived from a change is kept by triggers inside the same
 * transaction, so it can never be forgotten by one code path or half-written: the attempt history, the
 * event log, the per-status counters, the ready queue that claims read, dependency release and the
 * failure cascade. Triggers run in apply, so they are deterministic by construction (they read only the
 * rows and the values the proposer bound).
 *
 * <p>Joins from the dependency table to jobs are written {@code CROSS JOIN}, which SQLite never reorders:
 * left to itself the planner may start from the jobs' status index and scan every pending or failed job on
 * each change, which made every completion cost O(queue length).
 *
 * <p>Times are epoch milliseconds. Every statement is idempotent, so every node may propose the schema when
 * core starts.
 */
public final class QueueSchema {

    /** Bumped with every change to this file; migrations key on it. */
    public static final int VERSION = 3;

    /** The width of a throughput bucket. */
    public static final long THROUGHPUT_BUCKET_MS = 10_000;

    /** Statuses whose job holds a lease (a worker runs it). */
    private static final String LEASED = "('Claimed','InProgress')";

    /**
     * Ready-queue rows of job {@code j}: one per worker type it accepts ({@code *} when any), only when every
     * job it depends on has completed.
     */
    private static String readyRows(String j) {
        return "INSERT OR IGNORE INTO ready_queue(worker_type, priority, job_id, run_after)"
                + " SELECT coalesce(t.value, '*'), " + j + ".priority, " + j + ".id, " + j + ".run_after"
                + " FROM (SELECT 1) LEFT JOIN json_each(" + j + ".worker_types) t"
                + " WHERE " + j + ".status = 'Pending' AND NOT EXISTS (SELECT 1 FROM job_dependencies d"
                + " CROSS JOIN jobs p ON p.id = d.parent_id WHERE d.child_id = " + j + ".id AND p.status <> 'Completed');\n";
    }

    private static String countChange(String row, String delta) {
        return "INSERT INTO job_counts(worker_types, status, n) VALUES (" + row + ".worker_types, " + row
                + ".status, " + delta + ") ON CONFLICT(worker_types, status) DO UPDATE SET n = n + (" + delta + ");\n";
    }

    private static final String JOBS = """
            CREATE TABLE IF NOT EXISTS jobs (
              id TEXT PRIMARY KEY,
              tenant TEXT NOT NULL,
              payload TEXT NOT NULL,
              worker_types TEXT NOT NULL,
              priority INTEGER NOT NULL,
              run_after INTEGER NOT NULL,
              max_attempts INTEGER NOT NULL,
              backoff_initial_ms INTEGER NOT NULL,
              backoff_max_ms INTEGER NOT NULL,
              backoff_multiplier REAL NOT NULL,
              backoff_jitter REAL NOT NULL,
              timeout_ms INTEGER,
              cpu REAL NOT NULL,
              memory_mb INTEGER NOT NULL,
              disk_mb INTEGER NOT NULL,
              labels TEXT NOT NULL,
              depends_on TEXT NOT NULL,
              idempotency_key TEXT,
              status TEXT NOT NULL,
              attempt INTEGER NOT NULL DEFAULT 0,
              failures INTEGER NOT NULL DEFAULT 0,
              worker_id TEXT,
              lease_expires_at INTEGER,
              lease_ms INTEGER,
              result TEXT,
              error TEXT,
              last_outcome TEXT,
              note TEXT,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              claimed_at INTEGER,
              started_at INTEGER,
              finished_at INTEGER,
              version INTEGER NOT NULL
            )""";

    private static final List<String> TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS queue_schema (version INTEGER NOT NULL)",
            JOBS,
            "CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency ON jobs(tenant, idempotency_key)"
                    + " WHERE idempotency_key IS NOT NULL",
            // Only leased jobs have a lease: the reaper's scan and a worker's held jobs stay small.
            "CREATE INDEX IF NOT EXISTS jobs_leases ON jobs(lease_expires_at) WHERE lease_expires_at IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS jobs_held ON jobs(worker_id) WHERE lease_expires_at IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, id)",
            """
            CREATE TABLE IF NOT EXISTS job_attempts (
              job_id TEXT NOT NULL,
              number INTEGER NOT NULL,
              worker_id TEXT NOT NULL,
              claimed_at INTEGER NOT NULL,
              started_at INTEGER,
              finished_at INTEGER,
              outcome TEXT NOT NULL,
              error TEXT,
              PRIMARY KEY (job_id, number)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS job_dependencies (
              child_id TEXT NOT NULL,
              parent_id TEXT NOT NULL,
              PRIMARY KEY (child_id, parent_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX IF NOT EXISTS job_dependencies_parent ON job_dependencies(parent_id)",
            // Claimable jobs only, ordered the way claims take them: a claim reads the first rows of one
            // index range, however many jobs wait, finished or delayed. Deliberately no other index: every
            // job enters and leaves this table once, and each index would double that cost.
            """
            CREATE TABLE IF NOT EXISTS ready_queue (
              worker_type TEXT NOT NULL,
              priority INTEGER NOT NULL,
              job_id TEXT NOT NULL,
              run_after INTEGER NOT NULL,
              PRIMARY KEY (worker_type, priority DESC, job_id)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS job_counts (
              worker_types TEXT NOT NULL,
              status TEXT NOT NULL,
              n INTEGER NOT NULL,
              PRIMARY KEY (worker_types, status)
            ) WITHOUT ROWID""",
            // Jobs a worker must stop (cancelled, or its lease lapsed), told with its next heartbeat.
            """
            CREATE TABLE IF NOT EXISTS stop_requests (
              worker_id TEXT NOT NULL,
              job_id TEXT NOT NULL,
              at INTEGER NOT NULL,
              PRIMARY KEY (worker_id, job_id)
            ) WITHOUT ROWID""",
            // Finished jobs per 10-second bucket: recent throughput without scanning jobs or events.
            """
            CREATE TABLE IF NOT EXISTS throughput (
              bucket INTEGER PRIMARY KEY,
              completed INTEGER NOT NULL,
              failed INTEGER NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS events (
              seq INTEGER PRIMARY KEY,
              topic TEXT NOT NULL,
              job_id TEXT,
              status TEXT,
              previous_status TEXT,
              attempt INTEGER,
              worker_id TEXT,
              tenant TEXT,
              worker_types TEXT,
              reason TEXT,
              at INTEGER NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS workers (
              id TEXT PRIMARY KEY,
              worker_types TEXT NOT NULL,
              capacity INTEGER NOT NULL,
              cpu REAL NOT NULL,
              memory_mb INTEGER NOT NULL,
              disk_mb INTEGER NOT NULL,
              labels TEXT NOT NULL,
              status TEXT NOT NULL,
              node_id TEXT,
              registered_at INTEGER NOT NULL,
              last_heartbeat_at INTEGER NOT NULL,
              note TEXT,
              version INTEGER NOT NULL
            )""");

    /** The event a job's status change is, from the row before and after. */
    private static final String JOB_EVENT_TOPIC = """
            CASE NEW.status
              WHEN 'Claimed' THEN 'blixard/job/CLAIMED'
              WHEN 'InProgress' THEN 'blixard/job/STARTED'
              WHEN 'Completed' THEN 'blixard/job/COMPLETED'
              WHEN 'Failed' THEN 'blixard/job/FAILED'
              WHEN 'Cancelled' THEN 'blixard/job/CANCELLED'
              ELSE CASE
                WHEN OLD.status IN ('Failed','Cancelled') THEN 'blixard/job/RETRIED'
                WHEN NEW.last_outcome = 'RELEASED' THEN 'blixard/job/REQUEUED'
                ELSE 'blixard/job/RETRY_SCHEDULED' END
            END""";

    private static final String JOB_EVENT_VALUES = "NEW.id, NEW.status, %s, NEW.attempt, NEW.worker_id, NEW.tenant,"
            + " NEW.worker_types, %s, NEW.updated_at";

    /**
     * One trigger per concern, each with a WHEN clause: SQLite tests the clause before it runs the body, so
     * a change pays only for what it really touches (a claim does not look for children to release).
     */
    private static String trigger(String name, String event, String when, String body) {
        return "CREATE TRIGGER IF NOT EXISTS " + name + " AFTER " + event + " ON jobs"
                + (when.isEmpty() ? "" : " WHEN " + when) + " BEGIN\n" + body + "END";
    }

    /** Whether row {@code %s}'s worker types are one type or none (any worker): the common case. */
    private static final String AT_MOST_ONE_TYPE = "json_array_length(%s.worker_types) <= 1";
    /** The ready-queue type of a job with at most one worker type: that type, or {@code *} for none. */
    private static final String ONLY_TYPE = "coalesce(json_extract(%1$s.worker_types, '$[0]'), '*')";

    private static final String STATUS_CHANGED = "UPDATE OF status";
    private static final String CHANGED = "OLD.status <> NEW.status";
    private static final String STARTED_ON_CLAIM = "OLD.status = 'Pending' AND NEW.status = 'InProgress'";

    private static List<String> triggers() {
        List<String> triggers = new ArrayList<>();
        // Inserts: counted and SUBMITTED first, then what depends on the job's dependencies. SQLite fires the
        // newest trigger first, so the one that must run first is created last. A job without dependencies
        // (most of them) skips the dependency table altogether.
        triggers.add(trigger("jobs_inserted_with_dependencies", "INSERT", "NEW.depends_on <> '[]'",
                "INSERT OR IGNORE INTO job_dependencies(child_id, parent_id)"
                + " SELECT NEW.id, value FROM json_each(NEW.depends_on);\n"
                // A job whose parent already failed can never run: it fails at once, with the reason.
                + "UPDATE jobs SET status = 'Failed', version = version + 1, finished_at = NEW.created_at,"
                + " error = (SELECT 'dependency ' || p.id || ' is ' || p.status FROM job_dependencies d"
                + " CROSS JOIN jobs p ON p.id = d.parent_id WHERE d.child_id = NEW.id AND p.status IN ('Failed','Cancelled')"
                + " ORDER BY p.id LIMIT 1)"
                + " WHERE id = NEW.id AND status = 'Pending' AND EXISTS (SELECT 1"
                + " FROM job_dependencies d CROSS JOIN jobs p ON p.id = d.parent_id WHERE d.child_id = NEW.id"
                + " AND p.status IN ('Failed','Cancelled'));\n"
                // (A job failed just above has a parent that is not Completed, so it gets no ready rows.)
                + readyRows("NEW")));
        // Most jobs name one worker type (or none): their ready row needs no json_each, which costs as much as
        // the insert itself.
        triggers.add(trigger("jobs_inserted_ready", "INSERT",
                "NEW.depends_on = '[]' AND NEW.status = 'Pending' AND " + AT_MOST_ONE_TYPE.formatted("NEW"),
                "INSERT OR IGNORE INTO ready_queue(worker_type, priority, job_id, run_after)"
                + " VALUES (" + ONLY_TYPE.formatted("NEW") + ", NEW.priority, NEW.id, NEW.run_after);\n"));
        triggers.add(trigger("jobs_inserted_ready_types", "INSERT",
                "NEW.depends_on = '[]' AND NEW.status = 'Pending' AND NOT " + AT_MOST_ONE_TYPE.formatted("NEW"),
                "INSERT OR IGNORE INTO ready_queue(worker_type, priority, job_id, run_after)"
                + " SELECT t.value, NEW.priority, NEW.id, NEW.run_after FROM json_each(NEW.worker_types) t;\n"));
        triggers.add(trigger("jobs_inserted", "INSERT", "", countChange("NEW", "1")
                + "INSERT INTO events(topic, job_id, status, previous_status, attempt, worker_id, tenant, worker_types,"
                + " reason, at) VALUES ('blixard/job/SUBMITTED', " + JOB_EVENT_VALUES.formatted("NULL", "NEW.note") + ");\n"));
        // The attempt history: opened by a claim (which may start the job at once), started, closed when the
        // lease ends for any reason.
        triggers.add(trigger("jobs_claimed", STATUS_CHANGED,
                CHANGED + " AND NEW.status IN " + LEASED + " AND OLD.status NOT IN " + LEASED,
                "INSERT OR IGNORE INTO job_attempts(job_id, number, worker_id, claimed_at, started_at, outcome)"
                + " VALUES (NEW.id, NEW.attempt, NEW.worker_id, NEW.claimed_at, NEW.started_at, 'RUNNING');\n"
                // A stop request the new holder has not collected yet is about an earlier attempt (its lease
                // lapsed, say, while its node restarted under the same worker id): it must not stop this one.
                + "DELETE FROM stop_requests WHERE worker_id = NEW.worker_id AND job_id = NEW.id;\n"));
        triggers.add(trigger("jobs_started", STATUS_CHANGED, CHANGED + " AND OLD.status = 'Claimed' AND NEW.status = 'InProgress'",
                "UPDATE job_attempts SET started_at = NEW.started_at WHERE job_id = NEW.id AND number = NEW.attempt;\n"));
        triggers.add(trigger("jobs_lease_ended", STATUS_CHANGED,
                CHANGED + " AND OLD.status IN " + LEASED + " AND NEW.status NOT IN " + LEASED,
                "UPDATE job_attempts SET finished_at = NEW.updated_at, outcome = coalesce(NEW.last_outcome, 'CANCELLED'),"
                + " error = NEW.error WHERE job_id = NEW.id AND number = OLD.attempt;\n"
                // A holder that did not end the lease itself is told to stop with its next heartbeat.
                + "INSERT OR REPLACE INTO stop_requests(worker_id, job_id, at) SELECT OLD.worker_id, OLD.id, NEW.updated_at"
                + " WHERE NEW.last_outcome IN ('CANCELLED','LEASE_EXPIRED');\n"));
        // The ready queue follows the status.
        // By its primary key (the job's types, its priority, its id): no second index to keep up.
        triggers.add(trigger("jobs_left_pending", STATUS_CHANGED,
                CHANGED + " AND OLD.status = 'Pending' AND " + AT_MOST_ONE_TYPE.formatted("OLD"),
                "DELETE FROM ready_queue WHERE worker_type = " + ONLY_TYPE.formatted("OLD")
                + " AND priority = OLD.priority AND job_id = OLD.id;\n"));
        triggers.add(trigger("jobs_left_pending_types", STATUS_CHANGED,
                CHANGED + " AND OLD.status = 'Pending' AND NOT " + AT_MOST_ONE_TYPE.formatted("OLD"),
                "DELETE FROM ready_queue WHERE job_id = OLD.id AND priority = OLD.priority AND worker_type IN"
                + " (SELECT value FROM json_each(OLD.worker_types));\n"));
        triggers.add(trigger("jobs_entered_pending", STATUS_CHANGED, CHANGED + " AND NEW.status = 'Pending'",
                readyRows("NEW")));
        triggers.add(trigger("jobs_finished", STATUS_CHANGED, CHANGED + " AND NEW.status IN ('Completed','Failed')",
                "INSERT INTO throughput(bucket, completed, failed) VALUES (NEW.updated_at / " + THROUGHPUT_BUCKET_MS
                + ", NEW.status = 'Completed', NEW.status = 'Failed')"
                + " ON CONFLICT(bucket) DO UPDATE SET completed = completed + excluded.completed,"
                + " failed = failed + excluded.failed;\n"));
        // A completed job may release its children…
        triggers.add(trigger("jobs_completed", STATUS_CHANGED, CHANGED + " AND NEW.status = 'Completed'",
                "INSERT OR IGNORE INTO ready_queue(worker_type, priority, job_id, run_after)"
                + " SELECT coalesce(t.value, '*'), c.priority, c.id, c.run_after FROM job_dependencies d"
                + " CROSS JOIN jobs c ON c.id = d.child_id LEFT JOIN json_each(c.worker_types) t"
                + " WHERE d.parent_id = NEW.id AND c.status = 'Pending'"
                + " AND NOT EXISTS (SELECT 1 FROM job_dependencies d2 CROSS JOIN jobs p ON p.id = d2.parent_id"
                + " WHERE d2.child_id = c.id AND p.status <> 'Completed');\n"));
        // …and a failed or cancelled one dooms every job waiting on it, however deep. SQLite does not fire a
        // trigger from its own body (recursive triggers are off), so the recursion is in the query, and the
        // doomed jobs' own changes fire the other triggers (events, counts).
        triggers.add(trigger("jobs_dependency_failed", STATUS_CHANGED, CHANGED + " AND NEW.status IN ('Failed','Cancelled')",
                "UPDATE jobs SET status = 'Failed', version = version + 1, updated_at = NEW.updated_at,"
                + " finished_at = NEW.updated_at, last_outcome = NULL, note = NULL,"
                + " error = 'dependency ' || NEW.id || ' is ' || NEW.status"
                + " WHERE status = 'Pending' AND id IN ("
                + "WITH RECURSIVE doomed(id) AS (SELECT child_id FROM job_dependencies WHERE parent_id = NEW.id"
                + " UNION SELECT d.child_id FROM job_dependencies d JOIN doomed ON d.parent_id = doomed.id)"
                + " SELECT id FROM doomed);\n"));
        // Created last, so SQLite (which fires the newest trigger first) records a change's own event before
        // the events of what it causes (the jobs a failure dooms); SubmitTest.eventsFollowCauseThenEffect checks it.
        // A claim that starts the job at once is two transitions in one change: CLAIMED, then STARTED.
        triggers.add(trigger("jobs_status_changed", STATUS_CHANGED, CHANGED,
                countChange("OLD", "-1") + countChange("NEW", "1")
                + "INSERT INTO events(topic, job_id, status, previous_status, attempt, worker_id, tenant, worker_types,"
                + " reason, at) SELECT 'blixard/job/CLAIMED', " + JOB_EVENT_VALUES.replace("NEW.status", "'Claimed'")
                        .formatted("OLD.status", "NULL") + " WHERE " + STARTED_ON_CLAIM + ";\n"
                + "INSERT INTO events(topic, job_id, status, previous_status, attempt, worker_id, tenant, worker_types,"
                + " reason, at) VALUES (" + JOB_EVENT_TOPIC + ", " + JOB_EVENT_VALUES.formatted(
                        "CASE WHEN " + STARTED_ON_CLAIM + " THEN 'Claimed' ELSE OLD.status END",
                        "coalesce(NEW.note, NEW.error)") + ");\n"));
        String workerEvent = "INSERT INTO events(topic, worker_id, reason, at) VALUES (";
        triggers.add("CREATE TRIGGER IF NOT EXISTS workers_inserted AFTER INSERT ON workers BEGIN\n"
                + workerEvent + "'blixard/worker/REGISTERED', NEW.id, NEW.note, NEW.registered_at);\nEND");
        triggers.add("CREATE TRIGGER IF NOT EXISTS workers_status_changed AFTER UPDATE OF status ON workers"
                + " WHEN OLD.status <> NEW.status BEGIN\n" + workerEvent
                + "CASE NEW.status WHEN 'DRAINING' THEN 'blixard/worker/DRAINING' WHEN 'LOST' THEN 'blixard/worker/LOST'"
                + " ELSE 'blixard/worker/REGISTERED' END, NEW.id, NEW.note, NEW.last_heartbeat_at);\nEND");
        // Deregistering stamps the row with its time and reason just before deleting it.
        triggers.add("CREATE TRIGGER IF NOT EXISTS workers_deleted AFTER DELETE ON workers BEGIN\n" + workerEvent
                + "'blixard/worker/DEREGISTERED', OLD.id, OLD.note, OLD.last_heartbeat_at);\nEND");
        return triggers;
    }

    private static final Pattern TRIGGER_NAME = Pattern.compile("^CREATE TRIGGER IF NOT EXISTS (\\w+) ");

    private QueueSchema() {
    }

    /**
     * @return the batch that creates everything missing; a no-op on a database that has it all
     */
    public static WriteBatch creation() {
        List<Statement> statements = new ArrayList<>();
        for (String table : TABLES) {
            statements.add(Statement.of(table));
        }
        // Triggers are replaced on every start, so a node always runs the current ones (tables only grow).
        for (String trigger : triggers()) {
            Matcher name = TRIGGER_NAME.matcher(trigger);
            if (!name.find()) {
                throw new IllegalStateException("a trigger without a name: " + trigger);
            }
            statements.add(Statement.of("DROP TRIGGER IF EXISTS " + name.group(1)));
            statements.add(Statement.of(trigger));
        }
        statements.add(Statement.of("INSERT INTO queue_schema(version) SELECT ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM queue_schema)", VERSION));
        statements.add(Statement.of("UPDATE queue_schema SET version = ? WHERE version < ?", VERSION, VERSION));
        return new WriteBatch(statements);
    }
}
