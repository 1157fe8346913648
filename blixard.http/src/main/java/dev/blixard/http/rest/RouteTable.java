package dev.blixard.http.rest;

import dev.blixard.http.problem.ProblemKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route of a request: 404 when no template matches the path, 405 (with {@code Allow}) when one
 * matches but not for this method. Literal segments win over captures, so {@code /queue/publish/batch} is
 * never read as a publish of a job called {@code batch}.
 */
public final class RouteTable {
    private final List<Route> routes;
    /** Each route's template split into segments once: every request is matched against all of them. */
    private final List<String[]> templates;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> seen = new TreeSet<>();
        List<String[]> split = new ArrayList<>();
        for (Route route : routes) {
            if (!seen.add(route.method() + " " + route.template())) {
                throw new IllegalArgumentException("route declared twice: " + route.method() + " " + route.template());
            }
            split.add(route.segments().toArray(String[]::new));
        }
        this.templates = List.copyOf(split);
    }

    /** @return every route, in declaration order */
    public List<Route> routes() {
        return routes;
    }

    /**
     * @param path the request path under {@code /api}, for example {@code /jobs/42}
     * @throws dev.blixard.http.problem.HttpProblem 404 or 405
     */
    public Match match(String method, String path) {
        if (path == null || !path.startsWith("/")) {
            throw ProblemKind.NOT_FOUND.problem("no API resource at " + path);
        }
        String[] actual = path.substring(1).split("/", -1);
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Map<String, String> params = capture(templates.get(i), actual);
            if (params != null) {
                matches.add(new Match(routes.get(i), params));
            }
        }
        if (matches.isEmpty()) {
            throw ProblemKind.NOT_FOUND.problem("no API resource at " + path);
        }
        // The most specific templates (fewest captures) name the resource; the method picks among them.
        int fewest = matches.stream().mapToInt(match -> match.params().size()).min().getAsInt();
        Set<String> allowed = new TreeSet<>();
        for (Match match : matches) {
            if (match.params().size() == fewest) {
                if (match.route().method().equals(method)) {
                    return match;
                }
                allowed.add(match.route().method());
            }
        }
        String allow = String.join(", ", allowed);
        throw ProblemKind.METHOD_NOT_ALLOWED.problem(method + " is not allowed on " + path + "; allowed: " + allow)
                .withHeader("Allow", allow);
    }

    private static Map<String, String> capture(String[] template, String[] actual) {
        if (actual.length != template.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            String expected = template[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), actual[i]);
            } else if (!expected.equals(actual[i])) {
                return null;
            }
        }
        return params;
    }

    /**
     * A request's route and the values of its captured segments.
     *
     * @param route the route
     * @param params captured segment values by name
     */
    public record Match(Route route, Map<String, String> params) {
        public Match {
            params = Map.copyOf(params);
        }
    }
}
