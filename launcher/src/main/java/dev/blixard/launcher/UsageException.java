package dev.blixard.launcher;

/**
 * The command line cannot be understood. Carries the one-line reason and the usage text of the command that
 * was being parsed; the CLI prints both on stderr and exits with status 2.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final CommandLine.Topic topic;

    UsageException(String message, CommandLine.Topic topic) {
        super(message);
        this.topic = topic;
    }

    /** The help text of the command that was being parsed. */
    String usage() {
        return topic.text();
    }
}
