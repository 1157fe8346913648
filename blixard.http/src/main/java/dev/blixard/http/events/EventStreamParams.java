package dev.blixard.http.events;

import dev.blixard.api.Violation;
import dev.blixard.api.security.Role;
import dev.blixard.http.auth.Access;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.problem.ProblemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a {@code GET /api/events} asks for: {@code topics} ({@code job}, {@code worker}; repeated or
 * comma-separated; both by default) and where to resume, {@code Last-Event-ID} (sent by a reconnecting
 * client, so it wins) or {@code ?after=}. Clients see only the job events of their tenant; asking for worker
 * events is refused for them (403).
 *
 * @param filter which events the stream shows
 * @param resumeAfter the last sequence the reader has seen, empty to start with the next new event
 */
public record EventStreamParams(EventFilter filter, OptionalLong resumeAfter) {
    private static final Set<String> KNOWN = Set.of("after", "topics");

    /**
     * @throws dev.blixard.http.problem.HttpProblem 400 for unknown or malformed parameters, 403 for a client
     *         asking for worker events
     */
    public static EventStreamParams read(Caller caller, Map<String, String[]> query, Optional<String> lastEventId) {
        List<Violation> problems = new ArrayList<>();
        query.keySet().stream().filter(name -> !KNOWN.contains(name)).sorted()
                .forEach(name -> problems.add(new Violation(name, "is not a known query parameter")));
        boolean jobs = false;
        boolean workers = false;
        for (String values : query.getOrDefault("topics", new String[0])) {
            for (String topic : values.split(",")) {
                switch (topic.trim()) {
                    case "job" -> jobs = true;
                    case "worker" -> workers = true;
                    case "" -> { }
                    default -> problems.add(new Violation("topics", "'" + topic.trim() + "' is not job or worker"));
                }
            }
        }
        OptionalLong resume = lastEventId.filter(id -> !id.isBlank()).map(id -> sequence("Last-Event-ID", id, problems))
                .orElseGet(() -> first(query, "after").map(after -> sequence("after", after, problems))
                        .orElse(OptionalLong.empty()));
        if (!problems.isEmpty()) {
            throw ProblemKind.BAD_REQUEST.problem("bad event stream request: " + problems).withViolations(problems);
        }
        boolean all = !jobs && !workers;
        boolean mayFollowWorkers = caller.role() != Role.CLIENT;
        if (workers && !mayFollowWorkers) {
            throw ProblemKind.FORBIDDEN.problem("a client token may follow job events only");
        }
        EventFilter filter = new EventFilter(all || jobs, (all || workers) && mayFollowWorkers,
                Access.tenantScope(caller).orElse(null));
        return new EventStreamParams(filter, resume);
    }

    private static Optional<String> first(Map<String, String[]> query, String name) {
        String[] values = query.get(name);
        return values == null || values.length == 0 || values[0].isBlank() ? Optional.empty() : Optional.of(values[0]);
    }

    private static OptionalLong sequence(String name, String text, List<Violation> problems) {
        try {
            long sequence = Long.parseLong(text.trim());
            if (sequence >= 0) {
                return OptionalLong.of(sequence);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        problems.add(new Violation(name, "must be an event sequence, a whole number of 0 or more"));
        return OptionalLong.empty();
    }
}
