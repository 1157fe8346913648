package dev.blixard.launcher.client;

import java.util.List;

/**
 * A command without arguments that shows one document of the API, e.g. {@code stats} shows
 * {@code GET /api/queue/stats}: unchanged with {@code --json}, else as its renderer writes it.
 */
final class ViewCommand extends ClientCommand {

    private final String path;
    private final CommandContext.Renderer renderer;

    ViewCommand(String name, String summary, String path, CommandContext.Renderer renderer) {
        super(name, "", summary, List.of());
        this.path = path;
        this.renderer = renderer;
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        args.noPositionals();
        context.show(context.api().get(path), renderer);
        return ExitCode.OK;
    }
}
