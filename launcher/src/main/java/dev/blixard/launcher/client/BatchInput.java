package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The submissions of {@code submit --batch}: a JSON array of submissions, the API's own
 * {@code {"jobs": [...]}}, or NDJSON (one submission per line). Options given on the command line fill the
 * fields an entry leaves out.
 */
final class BatchInput {

    private BatchInput() {
    }

    /** The request body for {@code /api/queue/publish/batch}. */
    static ObjectNode request(String text, ObjectNode defaults) throws ClientUsageException {
        List<JsonNode> entries = entries(text);
        if (entries.isEmpty()) {
            throw new ClientUsageException("the batch holds no submissions");
        }
        ObjectNode request = Json.object();
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isObject()) {
                throw new ClientUsageException("batch entry " + (i + 1) + " is not a JSON object");
            }
            ObjectNode entry = (ObjectNode) entries.get(i).deepCopy();
            defaults.properties().forEach(field -> entry.putIfAbsent(field.getKey(), field.getValue().deepCopy()));
            request.withArrayProperty("jobs").add(entry);
        }
        return request;
    }

    private static List<JsonNode> entries(String text) throws ClientUsageException {
        String trimmed = text.strip();
        List<JsonNode> entries = new ArrayList<>();
        if (trimmed.startsWith("[")) {
            parse(trimmed, "the batch").forEach(entries::add);
            return entries;
        }
        String[] lines = trimmed.split("\\R");
        if (lines.length > 0 && trimmed.startsWith("{")) {
            // One document spanning the whole input: the API's {"jobs": [...]} or a single pretty-printed submission.
            JsonNode whole = tryParse(trimmed);
            if (whole != null) {
                if (whole.has("jobs") && whole.get("jobs").isArray()) {
                    whole.get("jobs").forEach(entries::add);
                } else {
                    entries.add(whole);
                }
                return entries;
            }
        }
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                entries.add(parse(lines[i], "line " + (i + 1) + " of the batch"));
            }
        }
        return entries;
    }

    private static JsonNode parse(String text, String what) throws ClientUsageException {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ClientUsageException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode tryParse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null; // not one document: NDJSON
        }
    }
}
