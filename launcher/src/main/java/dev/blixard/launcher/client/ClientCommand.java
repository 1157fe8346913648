package dev.blixard.launcher.client;

import java.util.List;

import dev.blixard.launcher.OptionSpec;

/**
 * One client command such as {@code jobs}: its name, usage and options (for parsing and help) and what it does.
 * The connection options, {@code --json} and {@code --help} are added by {@link ClientMain}.
 */
abstract class ClientCommand {

    private final String name;
    private final String synopsis;
    private final String summary;
    private final List<OptionSpec> options;

    /**
     * @param name     the word on the command line
     * @param synopsis the arguments after the name in the usage line, e.g. {@code ID}; empty for none
     * @param summary  one line for the list of commands
     * @param options  the command's own options
     */
    ClientCommand(String name, String synopsis, String summary, List<OptionSpec> options) {
        this.name = name;
        this.synopsis = synopsis;
        this.summary = summary;
        this.options = List.copyOf(options);
    }

    final String name() {
        return name;
    }

    final String synopsis() {
        return synopsis;
    }

    final String summary() {
        return summary;
    }

    final List<OptionSpec> options() {
        return options;
    }

    /**
     * Runs the command.
     *
     * @return the exit status (normally {@link ExitCode#OK})
     * @throws ClientException with the one line to print and the exit status
     */
    abstract int execute(ParsedArguments args, CommandContext context) throws ClientException;
}
