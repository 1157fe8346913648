package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.Violation;
import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.problem.HttpProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes answers: JSON with its status, or an RFC 9457 {@code application/problem+json} document
 * ({@code type}, {@code title}, {@code status}, {@code detail}, and {@code errors} naming the fields at fault
 * when there are some). API answers are never cached.
 */
public final class ResponseWriter {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final JsonCodec codec;

    public ResponseWriter(JsonCodec codec) {
        this.codec = codec;
    }

    public void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
        write(response, status, JSON, codec.bytes(body));
    }

    /** Answers {@code status} (204, say) without a body. */
    public void empty(HttpServletResponse response, int status) {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
    }

    public void problem(HttpServletResponse response, HttpProblem problem) throws IOException {
        problem.headers().forEach(response::setHeader);
        write(response, problem.kind().status(), PROBLEM_JSON, codec.bytes(document(problem)));
    }

    /** @return the problem document */
    static ObjectNode document(HttpProblem problem) {
        ObjectNode node = JsonCodec.object();
        node.put("type", problem.kind().type());
        node.put("title", problem.kind().title());
        node.put("status", problem.kind().status());
        node.put("detail", problem.detail());
        if (!problem.violations().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            for (Violation violation : problem.violations()) {
                errors.addObject().put("field", violation.field()).put("message", violation.message());
            }
        }
        return node;
    }

    /**
     * Writes the whole body in one write and does not close the stream: with its length declared, that write is
     * the response's last, and in non-blocking mode ({@link LongPolls}) a close would wait for the flush.
     */
    private static void write(HttpServletResponse response, int status, String type, byte[] bytes) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
