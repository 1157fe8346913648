package dev.blixard.launcher;

/** What the command line asks the launcher to do. */
sealed interface Command permits Command.ShowHelp, Command.ShowVersion, Command.Run, Command.Client {

    /** Print a help text on stdout and exit 0. */
    record ShowHelp(String text) implements Command {
    }

    /** Print {@code blixard <version>} and exit 0. */
    record ShowVersion() implements Command {
    }

    /** Start a node in the foreground. */
    record Run(RunOptions options) implements Command {
    }

    /** Call a node's REST API: {@code args} start with the client command's name, e.g. {@code jobs}. */
    record Client(String[] args) implements Command {
    }
}
