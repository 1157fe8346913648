package dev.blixard.launcher.client;

import java.util.List;

/**
 * {@code blixard cancel ID} and {@code blixard retry ID}: the two state changes a user makes to a job. Both
 * post to {@code /api/jobs/ID/ACTION} and print the job's new status.
 */
final class JobActionCommand extends ClientCommand {

    private JobActionCommand(String action, String summary) {
        super(action, "ID", summary, List.of());
    }

    static JobActionCommand cancel() {
        return new JobActionCommand("cancel", "Cancel a job; a running execution is stopped (exit 4 when it already finished)");
    }

    static JobActionCommand retry() {
        return new JobActionCommand("retry", "Put a Failed or Cancelled job back in Pending (exit 4 otherwise)");
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        String id = args.onlyPositional("job ID");
        ApiResponse response = context.api().post("/api/jobs/" + ApiClient.segment(id) + "/" + name());
        context.show(response, job -> id + " " + Json.text(job, "status") + "\n");
        return ExitCode.OK;
    }
}
