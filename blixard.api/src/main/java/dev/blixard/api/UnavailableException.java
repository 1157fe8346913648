package dev.blixard.api;

/**
 * The node cannot serve the request right now, for example because the replicated store has no leader
 * or is shutting down. The request was not applied; the caller may retry later, on this or another node.
 */
public class UnavailableException extends BlixardException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
