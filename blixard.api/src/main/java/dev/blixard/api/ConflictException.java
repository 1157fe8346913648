package dev.blixard.api;

/**
 * A request that is well formed but does not fit the current state: an illegal life-cycle transition,
 * a worker that no longer holds a job's lease, a concurrent change that won. Retrying the same request
 * will not help unless the state changes.
 */
public class ConflictException extends BlixardException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
