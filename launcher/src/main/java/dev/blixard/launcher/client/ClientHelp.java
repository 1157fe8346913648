package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.List;

import dev.blixard.launcher.OptionSpec;

/**
 * The options every client command takes, and the help texts: one per command (its options, the connection
 * options and the exit statuses) and the list of commands for {@code blixard --help}.
 */
public final class ClientHelp {

    static final OptionSpec URL = OptionSpec.valued("--url", "URL",
            "The node (default: $" + Connection.URL_VARIABLE + ", else DIR/" + Connection.URL_FILE
                    + " of the local node, else http://127.0.0.1:<default port>)");
    static final OptionSpec TOKEN = OptionSpec.valued("--token", "TOKEN",
            "Bearer token (default: $" + Connection.TOKEN_VARIABLE + ", else DIR/" + Connection.TOKEN_FILE + ")");
    static final OptionSpec DATA_DIR = OptionSpec.valued("--data-dir", "DIR",
            "Data directory of the local node, for the defaults above; when given, it beats the variables (default: as 'blixard run')");
    static final OptionSpec JSON = OptionSpec.flag("--json", null, "Print the server's JSON document unchanged");
    static final OptionSpec HELP = OptionSpec.flag("--help", "-h", "Show this help and exit");

    /** Where the descriptions start at the most; a longer name gets a line of its own. */
    public static final int COLUMN = 34;

    static final List<OptionSpec> COMMON_OPTIONS = List.of(URL, TOKEN, DATA_DIR, JSON, HELP);

    static final String EXIT_STATUSES = "Exit status:\n"
            + "  0 success   1 failure   2 usage error   3 not found   4 conflict\n"
            + "  5 missing, bad or insufficient token   6 node unreachable or not ready\n";

    private ClientHelp() {
    }

    /** The help of one command. */
    static String usage(ClientCommand command) {
        String synopsis = command.synopsis().isEmpty() ? "" : " " + command.synopsis();
        StringBuilder text = new StringBuilder()
                .append("Usage: blixard ").append(command.name()).append(synopsis).append(" [options]\n\n")
                .append(command.summary()).append("\n\n");
        if (!command.options().isEmpty()) {
            text.append("Options:\n").append(optionTable(command.options())).append('\n');
        }
        return text.append("Connection and output:\n").append(optionTable(COMMON_OPTIONS)).append('\n')
                .append(EXIT_STATUSES).toString();
    }

    /** The lines of {@code blixard --help} that list the client commands. */
    public static String commandList() {
        List<ClientCommand> commands = ClientCommands.all();
        List<String> left = commands.stream()
                .map(c -> "  " + c.name() + (c.synopsis().isEmpty() ? "" : " " + c.synopsis())).toList();
        return table(left, commands.stream().map(ClientCommand::summary).toList());
    }

    private static String optionTable(List<OptionSpec> options) {
        List<String> left = options.stream().map(o -> (o.alias() == null ? "      " : "  ") + o.synopsis()).toList();
        List<String> right = options.stream()
                .map(o -> o.description() + (o.repeatable() ? " (repeatable)" : "")).toList();
        return table(left, right);
    }

    private static String table(List<String> left, List<String> right) {
        int width = Math.min(left.stream().mapToInt(String::length).max().orElse(0) + 3, COLUMN);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            String name = left.get(i);
            lines.add(name.length() + 1 >= width
                    ? name + "\n" + " ".repeat(width) + right.get(i)
                    : name + " ".repeat(width - name.length()) + right.get(i));
        }
        return String.join("\n", lines) + "\n";
    }
}
