package dev.blixard.launcher.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.blixard.launcher.OptionSpec;

/**
 * {@code blixard submit PAYLOAD}: publishes one job, or with {@code --batch} many in one all-or-nothing call.
 * Prints the new job ids one per line, so {@code id=$(blixard submit ...)} works.
 */
final class SubmitCommand extends ClientCommand {

    static final OptionSpec FILE = OptionSpec.valued("--file", "F", "Read the payload (or batch) from F; '-' is stdin");
    static final OptionSpec BATCH = OptionSpec.flag("--batch", null,
            "The input is many submissions: a JSON array, {\"jobs\": [...]} or NDJSON; the options are their defaults");

    private static List<OptionSpec> ownOptions() {
        List<OptionSpec> options = new ArrayList<>(SubmissionOptions.ALL);
        options.add(FILE);
        options.add(BATCH);
        return options;
    }

    SubmitCommand() {
        super("submit", "[PAYLOAD|-]", "Submit a job whose payload is the JSON PAYLOAD, --file F or stdin ('-')",
                ownOptions());
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        if (args.positionals().size() > 1) {
            throw new ClientUsageException("expected one payload, got " + args.positionals().size()
                    + " arguments (quote the JSON)");
        }
        ObjectNode fields = SubmissionOptions.fields(args, Instant.now());
        String what = args.has(BATCH) ? "batch" : "payload";
        String text = InputText.read(args.positionals().stream().findFirst(), args.value(FILE), context.in(), what);
        ApiResponse response;
        if (args.has(BATCH)) {
            response = context.api().post("/api/queue/publish/batch", BatchInput.request(text, fields));
        } else {
            ObjectNode submission = Json.object();
            submission.set("payload", payload(text));
            submission.setAll(fields);
            response = context.api().post("/api/queue/publish", submission);
        }
        if (context.json()) {
            context.printRaw(response);
            return ExitCode.OK;
        }
        JsonNode answer = response.json();
        Optional.ofNullable(answer.get("job_id")).ifPresent(id -> context.out().println(id.asText()));
        answer.path("job_ids").forEach(id -> context.out().println(id.asText()));
        return ExitCode.OK;
    }

    private static JsonNode payload(String text) throws ClientUsageException {
        try {
            JsonNode payload = Json.MAPPER.readTree(text);
            if (payload == null || payload.isMissingNode()) {
                throw new ClientUsageException("the payload is empty");
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw new ClientUsageException("the payload is not JSON: " + e.getOriginalMessage()
                    + " (a string payload needs its quotes: '\"text\"')");
        }
    }
}
