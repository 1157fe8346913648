package dev.blixard.api.job;

import java.util.Locale;

/**
 * Where a job stands in its life-cycle. The legal moves between these states are the
 * {@link JobTransition}s; nothing else may change a job's status.
 *
 * <pre>
 * Pending ──claim──► Claimed ──start──► InProgress ──complete──► Completed
 *    ▲                  │                   │
 *    └──── requeue (lease lost, retry after backoff, released) ──┘
 *                       fail, attempts exhausted ──► Failed (dead letter)
 * Pending | Claimed | InProgress ──cancel──► Cancelled
 * Failed | Cancelled ──retry──► Pending
 * </pre>
 */
public enum JobStatus {
    /** Waiting to be claimed (possibly not before its run-after time or its dependencies). */
    PENDING("Pending"),
    /** Claimed by a worker that holds a lease on it, not yet running. */
    CLAIMED("Claimed"),
    /** Running on the worker that holds its lease. */
    IN_PROGRESS("InProgress"),
    /** Finished with a result. Terminal. */
    COMPLETED("Completed"),
    /** Finished without success and without attempts left: the dead letter. Terminal until retried. */
    FAILED("Failed"),
    /** Stopped on request. Terminal until retried. */
    CANCELLED("Cancelled");

    private final String displayName;

    JobStatus(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name used on the wire and in the UI, for example {@code InProgress} */
    public String displayName() {
        return displayName;
    }

    /** @return {@code true} when the job has finished (it may still be retried by a person) */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** @return {@code true} when a worker holds a lease on the job */
    public boolean isLeased() {
        return this == CLAIMED || this == IN_PROGRESS;
    }

    /**
     * Parses a status by its display name ({@code InProgress}), ignoring case, or by its constant name
     * ({@code IN_PROGRESS}).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static JobStatus parse(String text) {
        if (text != null) {
            String wanted = text.trim();
            for (JobStatus status : values()) {
                if (status.displayName.equalsIgnoreCase(wanted) || status.name().equalsIgnoreCase(wanted)) {
                    return status;
                }
            }
        }
        throw new IllegalArgumentException("unknown job status '" + text + "'; expected one of "
                + "Pending, Claimed, InProgress, Completed, Failed, Cancelled");
    }

    @Override
    public String toString() {
        return displayName;
    }

    /** @return the lower-case form used in metric labels, for example {@code in_progress} */
    public String metricName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
