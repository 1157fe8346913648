package dev.blixard.launcher.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code blixard health}: whether the node is ready, with each component's state. A node that is not ready
 * answers 503 with the same document: it is printed, and the exit status is 6, so scripts can wait with
 * {@code until blixard health; do sleep 1; done}.
 */
final class HealthCommand extends ClientCommand {

    HealthCommand() {
        super("health", "", "Show whether the node is ready, per component (exit 6 when not ready)", List.of());
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        args.noPositionals();
        ApiResponse response = context.api().getAnyStatus("/api/health");
        boolean healthDocument = response.status() == 503 && isNodeHealth(response);
        if (!response.isSuccess() && !healthDocument) {
            throw context.api().failure(response);
        }
        context.show(response, HealthCommand::render);
        if (!response.isSuccess()) {
            throw new ClientException(ExitCode.UNAVAILABLE, "the node is not ready: " + Json.text(response.json(), "message"));
        }
        return ExitCode.OK;
    }

    private static boolean isNodeHealth(ApiResponse response) {
        try {
            return response.json().has("ready");
        } catch (ClientException e) {
            return false;
        }
    }

    static String render(JsonNode health) {
        StringBuilder text = new StringBuilder(Json.text(health, "status"))
                .append(health.path("ready").asBoolean() ? ", ready" : ", not ready");
        String message = Json.text(health, "message");
        if (!message.equals("-") && !message.isBlank()) {
            text.append(": ").append(message);
        }
        text.append('\n');
        Table components = new Table("COMPONENT", "STATUS", "MESSAGE");
        health.path("components").fields().forEachRemaining(component -> components.row(component.getKey(),
                Json.text(component.getValue(), "status"), Json.text(component.getValue(), "message")));
        if (!components.isEmpty()) {
            text.append('\n').append(components.render());
        }
        return text.toString();
    }
}
