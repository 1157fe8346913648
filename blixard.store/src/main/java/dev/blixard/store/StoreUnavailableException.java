package dev.blixard.store;

/** The store cannot serve the request now: no leader, no quorum, or shutting down. Nothing was applied. */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
