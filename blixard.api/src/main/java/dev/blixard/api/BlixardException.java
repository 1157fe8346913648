package dev.blixard.api;

/**
 * The base of every error a Blixard service reports on purpose. Each subclass names one kind of
 * failure, so that a caller (the REST layer, a worker, a plugin) can react without parsing messages.
 * A service that throws one of these has changed nothing.
 */
public abstract class BlixardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected BlixardException(String message) {
        super(message);
    }

    protected BlixardException(String message, Throwable cause) {
        super(message, cause);
    }
}
