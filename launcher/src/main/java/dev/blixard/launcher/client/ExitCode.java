package dev.blixard.launcher.client;

/**
 * The exit statuses of the client commands. Scripts branch on them, so each class of failure has its own
 * number and the numbers never change; {@link ClientHelp} documents them in every command's help.
 */
public final class ExitCode {

    public static final int OK = 0;
    /** Any failure without a more specific status, including a request the server rejects as invalid. */
    public static final int FAILURE = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** The job, worker or token does not exist (HTTP 404). */
    public static final int NOT_FOUND = 3;
    /** The request conflicts with the current state, e.g. cancelling a finished job (HTTP 409). */
    public static final int CONFLICT = 4;
    /** The token is missing, unknown, or not allowed to do this (HTTP 401, 403). */
    public static final int AUTH = 5;
    /** The node cannot be reached or is not ready (connection refused, timeout, HTTP 503). */
    public static final int UNAVAILABLE = 6;

    private ExitCode() {
    }

    /** The exit status for an HTTP error status. */
    static int forHttpStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> FAILURE;
        };
    }
}
