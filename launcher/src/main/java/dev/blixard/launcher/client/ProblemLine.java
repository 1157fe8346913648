package dev.blixard.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one line for an error answer: {@code <status> <title>: <detail>} from the server's problem+json, or the
 * status and the start of the body when the answer is not a problem (a proxy's page, say).
 */
final class ProblemLine {

    private static final int BODY_EXCERPT = 120;

    private ProblemLine() {
    }

    static ClientException of(ApiResponse response) {
        int status = response.status();
        JsonNode problem;
        try {
            problem = Json.parse(response.body(), "the error answer");
        } catch (ClientException e) {
            problem = null;
        }
        String line;
        if (problem != null && problem.hasNonNull("title")) {
            line = status + " " + problem.get("title").asText();
            if (problem.hasNonNull("detail") && !problem.get("detail").asText().isBlank()) {
                line += ": " + problem.get("detail").asText();
            }
        } else if (problem != null && problem.hasNonNull("message")) {
            line = status + " " + problem.get("message").asText(); // Jetty's own JSON error page
        } else {
            String body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            line = status + " " + (body.isEmpty() ? "(empty answer)"
                    : body.length() > BODY_EXCERPT ? body.substring(0, BODY_EXCERPT) + "…" : body);
        }
        return new ClientException(ExitCode.forHttpStatus(status), oneLine(line));
    }

    /** A detail with a newline would break "one line per failure". */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
