package dev.blixard.api.job;

import static dev.blixard.api.job.JobStatus.CANCELLED;
import static dev.blixard.api.job.JobStatus.CLAIMED;
import static dev.blixard.api.job.JobStatus.COMPLETED;
import static dev.blixard.api.job.JobStatus.FAILED;
import static dev.blixard.api.job.JobStatus.IN_PROGRESS;
import static dev.blixard.api.job.JobStatus.PENDING;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The job life-cycle's transition table: every legal status change, in one place. Services check each
 * change through {@link #apply(JobStatus)}, so an illegal change is an error and never happens silently.
 */
public enum JobTransition {
    /** A worker takes the job with a lease. */
    CLAIM(CLAIMED, PENDING),
    /** The worker holding the lease starts running it. */
    START(IN_PROGRESS, CLAIMED),
    /** The worker holding the lease reports success (a worker may skip {@link #START}). */
    COMPLETE(COMPLETED, CLAIMED, IN_PROGRESS),
    /**
     * The job goes back to the queue: its lease lapsed, its worker was lost, it failed with attempts
     * left (it then waits for its backoff), or its backend went away (then no attempt is counted).
     */
    REQUEUE(PENDING, CLAIMED, IN_PROGRESS),
    /** The job failed and has no attempts left, or a job it depends on failed: the dead letter. */
    FAIL(FAILED, PENDING, CLAIMED, IN_PROGRESS),
    /** Someone stops the job; a running execution is told to stop. */
    CANCEL(CANCELLED, PENDING, CLAIMED, IN_PROGRESS),
    /** Someone asks for a finished, unsuccessful job to run again, with a fresh attempt budget. */
    RETRY(PENDING, FAILED, CANCELLED);

    private final JobStatus target;
    private final Set<JobStatus> sources;

    JobTransition(JobStatus target, JobStatus first, JobStatus... rest) {
        this.target = target;
        this.sources = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** @return the status a job has after this transition */
    public JobStatus target() {
        return target;
    }

    /** @return the statuses this transition may start from */
    public Set<JobStatus> sources() {
        return sources;
    }

    /** @return whether a job in {@code from} may take this transition */
    public boolean isAllowedFrom(JobStatus from) {
        return sources.contains(from);
    }

    /**
     * Checks this transition for a job in {@code from}.
     *
     * @return the status after the transition
     * @throws IllegalTransitionException when the table does not allow it
     */
    public JobStatus apply(JobStatus from) {
        if (!isAllowedFrom(from)) {
            throw new IllegalTransitionException(from, this);
        }
        return target;
    }

    /** @return every transition a job in {@code from} may take */
    public static Set<JobTransition> allowedFrom(JobStatus from) {
        Set<JobTransition> allowed = EnumSet.noneOf(JobTransition.class);
        for (JobTransition transition : values()) {
            if (transition.isAllowedFrom(from)) {
                allowed.add(transition);
            }
        }
        return Collections.unmodifiableSet(allowed);
    }
}
