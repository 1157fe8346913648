package dev.blixard.api.job;

/** How one attempt of a job ended. */
public enum AttemptOutcome {
    /** Still claimed or running. */
    RUNNING,
    /** The worker reported success. */
    COMPLETED,
    /** The worker reported a failure. */
    FAILED,
    /** The worker stopped renewing its lease, or was lost. */
    LEASE_EXPIRED,
    /** The job was given back without fault of its own (its backend went away); not counted. */
    RELEASED,
    /** The job was cancelled during the attempt. */
    CANCELLED
}
