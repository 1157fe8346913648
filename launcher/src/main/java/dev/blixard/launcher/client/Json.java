package dev.blixard.launcher.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The client's one {@link ObjectMapper}, and the small reads the table renderers share. */
final class Json {

    /** Trailing tokens fail: {@code {"a":1} x} is a typo, and NDJSON must not pass as its first line. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * Parses JSON text.
     *
     * @param what names the text in the error, e.g. "the payload"
     * @throws ClientException (usage) when it is not JSON
     */
    static JsonNode parse(String text, String what) throws ClientException {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ClientException(ExitCode.FAILURE, what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A field as display text: {@code -} when absent or null, compact JSON when not a scalar. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && value.isEmpty()) {
            return "-";
        }
        return compact(value);
    }

    /** A list of strings as {@code a,b}; {@code -} when empty. */
    static String list(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray() || value.isEmpty()) {
            return "-";
        }
        StringBuilder joined = new StringBuilder();
        value.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
        return joined.toString();
    }

    static String compact(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }
}
