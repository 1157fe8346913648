package dev.blixard.launcher.client;

import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code blixard job ID}: every field of one job and its attempt history. */
final class JobCommand extends ClientCommand {

    JobCommand() {
        super("job", "ID", "Show one job with its attempts", List.of());
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        String id = args.onlyPositional("job ID");
        context.show(context.api().get("/api/jobs/" + ApiClient.segment(id)), JobCommand::render);
        return ExitCode.OK;
    }

    private static String render(JsonNode job) {
        JobView view = new JobView(ZoneId.systemDefault());
        Table attempts = view.attempts(job);
        return view.detail(job).render() + (attempts.isEmpty() ? "" : "\n" + attempts.render());
    }
}
