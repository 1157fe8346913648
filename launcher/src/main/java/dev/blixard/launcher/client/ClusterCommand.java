package dev.blixard.launcher.client;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code blixard cluster [add ID=HOST:PORT | remove ID]}: shows the Raft group as the node sees it, or changes
 * its membership (needs an admin token) and shows the group after the change.
 */
final class ClusterCommand extends ClientCommand {

    ClusterCommand() {
        super("cluster", "[add ID=HOST:PORT | remove ID]",
                "Show the cluster (members, leader, term, commit and applied index), or add or remove a member", List.of());
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            context.show(context.api().get("/api/cluster"), ClusterView::render);
            return ExitCode.OK;
        }
        String sub = words.get(0);
        if (words.size() != 2) {
            throw new ClientUsageException(switch (sub) {
                case "add" -> "cluster add needs one ID=HOST:PORT, e.g. n4=127.0.0.1:9004";
                case "remove" -> "cluster remove needs one member ID";
                default -> "unknown subcommand '" + sub + "' (add or remove)";
            });
        }
        return switch (sub) {
            case "add" -> add(words.get(1), context);
            case "remove" -> {
                context.show(context.api().delete("/api/cluster/members/" + ApiClient.segment(words.get(1))),
                        ClusterView::render);
                yield ExitCode.OK;
            }
            default -> throw new ClientUsageException("unknown subcommand '" + sub + "' (add or remove)");
        };
    }

    private static int add(String member, CommandContext context) throws ClientException {
        int equals = member.indexOf('=');
        if (equals <= 0 || equals == member.length() - 1) {
            throw new ClientUsageException("'" + member + "' is not ID=HOST:PORT, e.g. n4=127.0.0.1:9004");
        }
        ObjectNode body = Json.object().put("id", member.substring(0, equals)).put("address", member.substring(equals + 1));
        context.show(context.api().post("/api/cluster/members", body), ClusterView::render);
        return ExitCode.OK;
    }
}
