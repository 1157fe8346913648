package dev.blixard.launcher;

/**
 * The node cannot start (or keep running) for a reason the user can act on: a port in use, a data directory
 * that is not usable or already in use. The message is one self-contained line; the CLI prints it on stderr,
 * without a stack trace, and exits with status 1.
 */
final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
