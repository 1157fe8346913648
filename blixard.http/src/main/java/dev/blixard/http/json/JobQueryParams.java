package dev.blixard.http.json;

import dev.blixard.api.Violation;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.JobSort;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.SortOrder;
import dev.blixard.http.problem.ProblemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The query string of {@code GET /api/jobs}: {@code status} (repeated or comma-separated), {@code worker_type},
 * {@code tenant}, {@code sort} ({@code created_at}, {@code updated_at}, {@code priority}), {@code order}
 * ({@code asc}, {@code desc}), {@code limit}, {@code cursor}. Unknown parameters are refused, so that a typo
 * does not silently list everything.
 */
public final class JobQueryParams {
    private static final Set<String> KNOWN = Set.of("status", "worker_type", "tenant", "sort", "order", "limit", "cursor");

    private JobQueryParams() {
    }

    /**
     * @param params the query parameters, as the servlet API gives them
     * @param tenantPolicy turns the requested tenant (or {@code null}) into the one to filter on; it may refuse
     * @throws dev.blixard.http.problem.HttpProblem 400 naming every unknown or unparsable parameter
     * @throws dev.blixard.api.InvalidRequestException when the values are out of range
     */
    public static JobQuery read(Map<String, String[]> params, UnaryOperator<String> tenantPolicy) {
        List<Violation> problems = new ArrayList<>();
        params.keySet().stream().filter(name -> !KNOWN.contains(name)).sorted()
                .forEach(name -> problems.add(new Violation(name, "is not a known query parameter")));
        JobQuery.Builder query = JobQuery.builder();
        for (String status : values(params, "status")) {
            try {
                query.status(JobStatus.parse(status));
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("status", e.getMessage()));
            }
        }
        query.workerType(single(params, "worker_type", problems));
        query.tenant(tenantPolicy.apply(single(params, "tenant", problems)));
        JobSort sort = choice(JobSort.class, single(params, "sort", problems), "sort", JobSort.CREATED_AT, problems);
        SortOrder order = choice(SortOrder.class, single(params, "order", problems), "order", SortOrder.DESC, problems);
        query.sort(sort, order);
        String limit = single(params, "limit", problems);
        if (limit != null) {
            try {
                query.limit(Integer.parseInt(limit));
            } catch (NumberFormatException e) {
                problems.add(new Violation("limit", "must be an integer"));
            }
        }
        query.cursor(single(params, "cursor", problems));
        if (!problems.isEmpty()) {
            throw ProblemKind.BAD_REQUEST.problem("bad query parameters: " + problems).withViolations(problems);
        }
        return query.build();
    }

    private static List<String> values(Map<String, String[]> params, String name) {
        List<String> values = new ArrayList<>();
        for (String value : params.getOrDefault(name, new String[0])) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    private static String single(Map<String, String[]> params, String name, List<Violation> problems) {
        String[] values = params.get(name);
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            return null;
        }
        if (values.length > 1) {
            problems.add(new Violation(name, "is given more than once"));
        }
        return values[0];
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text, String name, E fallback,
            List<Violation> problems) {
        if (text == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        problems.add(new Violation(name, "'" + text + "' is not one of " + names(type)));
        return fallback;
    }

    private static String names(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }
}
