package dev.blixard.launcher;

/** What the command line asks the launcher to do. */
sealed interface Command permits Command.ShowHelp, Command.ShowVersion, Command.Run {

    /** Print a help text on stdout and exit 0. */
    record ShowHelp(String text) implements Command {
    }

    /** Print {@code blixard <version>} and exit 0. */
    record ShowVersion() implements Command {
    }

    /** Start a node in the foreground. */
    record Run(RunOptions options) implements Command {
    }
}
