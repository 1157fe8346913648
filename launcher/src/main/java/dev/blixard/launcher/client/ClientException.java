package dev.blixard.launcher.client;

/**
 * A client command failed. The message is the one line printed after {@code blixard: } on stderr; the exit
 * status is one of {@link ExitCode}.
 */
class ClientException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ClientException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
