package dev.blixard.core.queue;

import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobTransition;
import dev.blixard.core.job.JobState;
import dev.blixard.store.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One compare-and-set change of a job row: it applies only if the row still has the version the proposer
 * decided on, so a decision made on a stale read changes nothing (the caller re-reads and decides again).
 * The status, when set, comes from a {@link JobTransition}: the one table of legal changes.
 */
final class JobUpdate {
    private final JobState current;
    private final StringBuilder assignments = new StringBuilder();
    private final List<Object> values = new ArrayList<>();
    private final StringBuilder conditions = new StringBuilder();
    private final List<Object> conditionValues = new ArrayList<>();
    private JobStatus target;

    private JobUpdate(JobState current) {
        this.current = current;
    }

    /** Starts a change of {@code current} that the table allows, or throws the conflict it is. */
    static JobUpdate transition(JobState current, JobTransition transition, long now) {
        JobUpdate update = new JobUpdate(current);
        update.target = transition.apply(current.status());
        return update.set("updated_at", now);
    }

    /** Follows the transition with another in the same change (a claim that starts the job at once). */
    JobUpdate then(JobTransition next) {
        target = next.apply(target());
        return this;
    }

    /** Starts a change that leaves the status alone. */
    static JobUpdate sameStatus(JobState current, long now) {
        return new JobUpdate(current).set("updated_at", now);
    }

    JobUpdate set(String column, Object value) {
        assignments.append(column).append(" = ?, ");
        values.add(value);
        return this;
    }

    /** Adds a condition, for example that a lease has really lapsed at the proposer's clock. */
    JobUpdate where(String condition, Object... parameters) {
        conditions.append(" AND ").append(condition);
        conditionValues.addAll(List.of(parameters));
        return this;
    }

    /** Clears every column that belongs to a lease. */
    JobUpdate endLease() {
        return set("lease_expires_at", null).set("lease_ms", null);
    }

    /** @return the status after the change (the current one when the change keeps it) */
    JobStatus target() {
        return target == null ? current.status() : target;
    }

    /** @return the version the row has after the change */
    long newVersion() {
        return current.version() + 1;
    }

    Statement statement() {
        List<Object> parameters = new ArrayList<>();
        String status = "";
        if (target != null) {
            status = "status = ?, ";
            parameters.add(target.displayName());
        }
        parameters.addAll(values);
        parameters.add(newVersion());
        parameters.add(current.id());
        parameters.add(current.version());
        parameters.addAll(conditionValues);
        return new Statement("UPDATE jobs SET " + status + assignments + "version = ? WHERE id = ? AND version = ?" + conditions,
                parameters);
    }
}
