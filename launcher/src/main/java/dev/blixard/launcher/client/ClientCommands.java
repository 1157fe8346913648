package dev.blixard.launcher.client;

import java.util.List;

/** Every client command, in the order {@code blixard --help} lists them. */
final class ClientCommands {

    private static final List<ClientCommand> ALL = List.of(new SubmitCommand(), new JobsCommand(), new JobCommand(),
            JobActionCommand.cancel(), JobActionCommand.retry(),
            new ViewCommand("workers", "List the workers", "/api/workers", WorkersView::render),
            new ViewCommand("stats", "Show queue statistics", "/api/queue/stats", StatsView::render),
            new ClusterCommand(),
            new TokenCommand(), new HealthCommand());

    private ClientCommands() {
    }

    static List<ClientCommand> all() {
        return ALL;
    }

    /** The command called {@code name}, or {@code null}. */
    static ClientCommand find(String name) {
        return ALL.stream().filter(command -> command.name().equals(name)).findFirst().orElse(null);
    }
}
