package dev.blixard.launcher.client;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.blixard.launcher.OptionSpec;

/** {@code blixard jobs}: one page of jobs, filtered and sorted; prints the cursor of the next page. */
final class JobsCommand extends ClientCommand {

    static final OptionSpec STATUS = OptionSpec.repeatable("--status", "S",
            "Only jobs in status S: Pending, Claimed, InProgress, Completed, Failed, Cancelled (also comma-separated)");
    static final OptionSpec TYPE = OptionSpec.valued("--type", "T", "Only jobs for worker type T");
    static final OptionSpec TENANT = OptionSpec.valued("--tenant", "T", "Only jobs of tenant T");
    static final OptionSpec SORT = OptionSpec.valued("--sort", "FIELD", "created_at, updated_at or priority (default: created_at)");
    static final OptionSpec ORDER = OptionSpec.valued("--order", "ORDER", "asc or desc (default: desc)");
    static final OptionSpec LIMIT = OptionSpec.valued("--limit", "N", "At most N jobs, 1 to 1000 (default: 50)");
    static final OptionSpec CURSOR = OptionSpec.valued("--cursor", "C", "Continue after the page that printed C");

    JobsCommand() {
        super("jobs", "", "List jobs, newest first", List.of(STATUS, TYPE, TENANT, SORT, ORDER, LIMIT, CURSOR));
    }

    @Override
    int execute(ParsedArguments args, CommandContext context) throws ClientException {
        args.noPositionals();
        Map<String, String> query = new LinkedHashMap<>();
        List<String> statuses = OptionValues.commaSeparated(args, STATUS);
        query.put("status", statuses.isEmpty() ? null : String.join(",", statuses));
        query.put("worker_type", args.value(TYPE).orElse(null));
        query.put("tenant", args.value(TENANT).orElse(null));
        query.put("sort", OptionValues.oneOf(args, SORT, Set.of("created_at", "updated_at", "priority")));
        query.put("order", OptionValues.oneOf(args, ORDER, Set.of("asc", "desc")));
        OptionValues.integer(args, LIMIT, 1, 1000).ifPresent(limit -> query.put("limit", Long.toString(limit)));
        query.put("cursor", args.value(CURSOR).orElse(null));
        context.show(context.api().get("/api/jobs", query), JobsCommand::render);
        return ExitCode.OK;
    }

    private static String render(JsonNode page) {
        String jobs = new JobView(ZoneId.systemDefault()).list(page.path("jobs")).renderOr("No jobs.");
        return page.hasNonNull("next_cursor") ? jobs + "next cursor: " + page.get("next_cursor").asText() + "\n" : jobs;
    }
}
