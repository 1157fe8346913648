package dev.blixard.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.http.problem.ProblemKind;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads request bodies into JSON trees and writes trees out. Only trees: the wire format is built field by
 * field by the mappers of this package, never by reflecting on API classes. Reading is strict (no duplicate
 * keys, nothing after the value) and bounded in nesting depth, so a hostile body cannot exhaust the stack.
 */
public final class JsonCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final int maxDepth;

    private JsonCodec(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** @param maxDepth the deepest nesting of arrays and objects a body may have */
    public static JsonCodec withMaxDepth(int maxDepth) {
        if (maxDepth < 2) {
            throw new IllegalArgumentException("a JSON depth limit below 2 leaves no room for a request, was " + maxDepth);
        }
        return new JsonCodec(maxDepth);
    }

    /**
     * @return the body's JSON value
     * @throws dev.blixard.http.problem.HttpProblem 400 when the body is empty, not JSON, or nested too deeply
     */
    public JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ProblemKind.BAD_REQUEST.problem("the request needs a JSON body");
        }
        try (JsonParser parser = mapper.createParser(body)) {
            JsonNode value = mapper.readTree(parser);
            if (value == null || value.isMissingNode()) {
                throw ProblemKind.BAD_REQUEST.problem("the request needs a JSON body");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw ProblemKind.BAD_REQUEST.problem(e.getOriginalMessage().startsWith("Document nesting depth")
                    ? "the JSON body is nested deeper than " + maxDepth + " levels"
                    : "a number, string or field name of the JSON body is too long");
        } catch (JsonProcessingException e) {
            throw ProblemKind.BAD_REQUEST.problem(describe(e) + (e.getLocation() == null ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw ProblemKind.BAD_REQUEST.problem("the body could not be read as JSON");
        }
    }

    /**
     * @return what is wrong with the body, in Jackson's words unless they name its insides (its classes and
     *         features, in back quotes), which are the server's business, not the caller's
     */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Trailing token")) {
            return "the body has more after its JSON value";
        }
        if (message == null || message.contains("`")) {
            return "the body is not valid JSON";
        }
        return "the body is not valid JSON: " + message;
    }

    /** @return {@code value} as compact JSON text, the form the API keeps payloads and results in */
    public String text(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree could not be written", e);
        }
    }

    /** @return {@code value} as UTF-8 JSON */
    public byte[] bytes(JsonNode value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree could not be written", e);
        }
    }

    /** @return a new empty JSON object */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** @return a new empty JSON array */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }
}
