package dev.blixard.api.job;

import dev.blixard.api.ConflictException;

/** A status change that the {@link JobTransition} table does not allow. Nothing was changed. */
public class IllegalTransitionException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final JobStatus from;
    private final JobTransition transition;

    public IllegalTransitionException(JobStatus from, JobTransition transition) {
        super("cannot " + transition.name().toLowerCase(java.util.Locale.ROOT) + " a job that is " + from
                + " (allowed from " + transition.sources() + ")");
        this.from = from;
        this.transition = transition;
    }

    /** @return the status the job was in */
    public JobStatus from() {
        return from;
    }

    /** @return the refused transition */
    public JobTransition transition() {
        return transition;
    }
}
