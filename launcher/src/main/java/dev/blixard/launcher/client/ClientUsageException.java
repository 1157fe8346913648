package dev.blixard.launcher.client;

/** The command line of a client command is wrong: exit status 2, and the command's usage is printed. */
final class ClientUsageException extends ClientException {
    private static final long serialVersionUID = 1L;

    ClientUsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
