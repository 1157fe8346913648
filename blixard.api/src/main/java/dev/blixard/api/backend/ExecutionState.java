package dev.blixard.api.backend;

/** Where one execution stands. */
public enum ExecutionState {
    /** Accepted, waiting for a slot or still being prepared (image pull, VM boot). */
    PENDING,
    /** Running. */
    RUNNING,
    /** Finished and succeeded. */
    SUCCEEDED,
    /** Finished and failed (non-zero exit, trap, crash). */
    FAILED,
    /** Stopped because it ran past its timeout. */
    TIMED_OUT,
    /** Stopped on request. */
    CANCELLED;

    /** @return whether the execution has ended */
    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }
}
