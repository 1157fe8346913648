package dev.blixard.launcher.client;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.blixard.launcher.OptionSpec;

/**
 * {@code blixard token create|list|revoke}: the API tokens of clients, workers and admins. The secret of a new
 * token is shown once, by {@code create}; the node keeps only what it needs to check it.
 */
final class TokenCommand extends ClientCommand {

    static final OptionSpec ROLE = OptionSpec.valued("--role", "R", "create: client, worker or admin (required)");
    static final OptionSpec TENANT = OptionSpec.valued("--tenant", "T", "create: the tenant the token acts for");
    static final OptionSpec DESCRIPTION = OptionSpec.valued("--description", "D", "create: what the token is for");

    static final Set<String> ROLES = Set.of("client", "worker", "admin");

    TokenCommand() {
        super("token", "create --role R | list | revoke ID", "Create, list or revoke API tokens (needs an admin token)",
                List.of(ROLE, TENANT, DESCRIPTION));
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            throw new ClientUsageException("missing subcommand: create, list or revoke");
        }
        String sub = words.get(0);
        if (!sub.equals("create") && (args.has(ROLE) || args.has(TENANT) || args.has(DESCRIPTION))) {
            throw new ClientUsageException("--role, --tenant and --description belong to 'token create'");
        }
        return switch (sub) {
            case "create" -> create(args, context);
            case "list" -> list(args, context);
            case "revoke" -> revoke(args, context);
            default -> throw new ClientUsageException("unknown subcommand '" + sub + "' (create, list or revoke)");
        };
    }

    private static int create(ParsedArguments args, CommandContext context) throws ClientException {
        expectWords(args, 1);
        String role = OptionValues.oneOf(args, ROLE, ROLES);
        if (role == null) {
            throw new ClientUsageException("token create needs --role (client, worker or admin)");
        }
        ObjectNode body = Json.object().put("role", role);
        args.value(TENANT).ifPresent(tenant -> body.put("tenant", tenant));
        args.value(DESCRIPTION).ifPresent(description -> body.put("description", description));
        context.show(context.api().post("/api/tokens", body), token -> new Fields()
                .add("id", Json.text(token, "id"))
                .add("role", Json.text(token, "role"))
                .add("tenant", Json.text(token, "tenant"))
                .add("description", Json.text(token, "description"))
                .add("secret", Json.text(token, "secret"))
                .render() + "The secret is shown only now; store it safely.\n");
        return ExitCode.OK;
    }

    private static int list(ParsedArguments args, CommandContext context) throws ClientException {
        expectWords(args, 1);
        context.show(context.api().get("/api/tokens"), TokenCommand::table);
        return ExitCode.OK;
    }

    private static String table(JsonNode tokens) {
        Table table = new Table("ID", "ROLE", "TENANT", "CREATED", "DESCRIPTION");
        for (JsonNode token : tokens.path("tokens")) {
            table.row(Json.text(token, "id"), Json.text(token, "role"), Json.text(token, "tenant"),
                    Times.local(Json.text(token, "created_at"), ZoneId.systemDefault()), Json.text(token, "description"));
        }
        return table.renderOr("No tokens.");
    }

    private static int revoke(ParsedArguments args, CommandContext context) throws ClientException {
        expectWords(args, 2);
        String id = args.positionals().get(1);
        context.api().delete("/api/tokens/" + ApiClient.segment(id));
        if (!context.json()) {
            context.out().println("revoked " + id);
        }
        return ExitCode.OK;
    }

    private static void expectWords(ParsedArguments args, int count) throws ClientUsageException {
        List<String> words = args.positionals();
        if (words.size() < count) {
            throw new ClientUsageException("token " + words.get(0) + " needs a token ID");
        }
        if (words.size() > count) {
            throw new ClientUsageException("unexpected argument '" + words.get(count) + "'");
        }
    }
}
