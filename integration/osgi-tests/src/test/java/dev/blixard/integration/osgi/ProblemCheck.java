package dev.blixard.integration.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks one refusal against the contract: the expected status, {@code application/problem+json}, a
 * {@code type} naming the problem kind of that status, a {@code title}, the same {@code status} in the body, a
 * {@code detail}, the expected headers, and nothing of the server's insides (stack frames, Java class names).
 */
final class ProblemCheck {
    private static final String TYPE_PREFIX = "https://blixard.dev/problems/";
    private static final Map<Integer, String> KINDS = Map.ofEntries(Map.entry(400, "bad-request"),
            Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"), Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"), Map.entry(409, "conflict"), Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"), Map.entry(422, "invalid-request"),
            Map.entry(429, "too-many-requests"), Map.entry(503, "unavailable"));
    /** A stack frame, a qualified Java or Jackson name, an exception's class name, or a getter call in backticks. */
    private static final Pattern INSIDES = Pattern.compile(
            "\\bat [\\w$.]+\\(|\\b(java|javax|jakarta|com|org|dev)\\.[a-z]\\w*\\.|\\w+(Exception|Error)\\b|`\\w+\\.\\w+\\(\\)`|\\[Source:");

    private ProblemCheck() {
    }

    /** @return what is wrong with the answer, empty when it keeps the contract */
    static List<String> violations(ContractCase request, ContractHttp.Response answer) {
        List<String> wrong = new ArrayList<>();
        if (answer.status() != request.status()) {
            wrong.add("status " + answer.status());
        }
        if (!answer.header("Content-Type").startsWith("application/problem+json")) {
            wrong.add("content type '" + answer.header("Content-Type") + "'");
        }
        JsonNode problem = answer.json();
        String type = TYPE_PREFIX + KINDS.getOrDefault(answer.status(), "?");
        if (!problem.path("type").asText().equals(type)) {
            wrong.add("type '" + problem.path("type").asText() + "' for status " + answer.status());
        }
        if (problem.path("title").asText().isBlank()) {
            wrong.add("no title");
        }
        if (problem.path("status").asInt(-1) != answer.status()) {
            wrong.add("body status " + problem.path("status"));
        }
        if (problem.path("detail").asText().isBlank()) {
            wrong.add("no detail");
        }
        if (INSIDES.matcher(answer.body()).find()) {
            wrong.add("the server's insides in the body");
        }
        request.expectedHeaders().forEach((name, value) -> {
            if (!answer.header(name).equals(value)) {
                wrong.add("header " + name + " '" + answer.header(name) + "', expected '" + value + "'");
            }
        });
        return wrong;
    }
}
