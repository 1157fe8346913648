package dev.blixard.core.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON columns of the queue's tables (worker types, labels, dependencies). Written in one canonical form
 * (sorted keys), so equal values are equal texts: the counters group by the worker-types text.
 */
public final class JsonText {
    /** Immutable after construction and thread-safe; holds no state of the node. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };

    private JsonText() {
    }

    /** @return the list as a JSON array */
    public static String ofList(List<String> values) {
        // Every submit writes two or three of these, nearly always empty or a few plain names: written here,
        // they cost a fraction of a trip through the object mapper.
        if (values.isEmpty()) {
            return "[]";
        }
        StringBuilder json = new StringBuilder(2 + values.size() * 16).append('[');
        for (String value : values) {
            if (!isPlain(value)) {
                return write(values);
            }
            json.append(json.length() > 1 ? ",\"" : "\"").append(value).append('"');
        }
        return json.append(']').toString();
    }

    /** @return the map as a JSON object with sorted keys */
    public static String ofMap(Map<String, String> values) {
        return values.isEmpty() ? "{}" : write(new TreeMap<>(values));
    }

    /** @return whether the text needs no escaping inside a JSON string (printable ASCII, no quote or backslash) */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** @return the strings of a JSON array written by {@link #ofList} */
    public static List<String> list(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        List<String> plain = plainList(json);
        if (plain != null) {
            return plain;
        }
        try {
            return List.copyOf(MAPPER.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON array in the queue database: " + json, e);
        }
    }

    /**
     * Reads the arrays {@link #ofList} writes itself (strings without escapes, no spaces), which every claim
     * reads for each candidate: the object mapper cost a parser and its buffers each time.
     *
     * @return the strings, or null when the text is not of that shape
     */
    private static List<String> plainList(String json) {
        int last = json.length() - 1;
        if (json.charAt(0) != '[' || json.charAt(last) != ']' || json.indexOf('\\') >= 0) {
            return null;
        }
        List<String> values = new ArrayList<>(2);
        int at = 1;
        while (true) {
            if (json.charAt(at) != '"') {
                return null;
            }
            int end = json.indexOf('"', at + 1);
            if (end < 0) {
                return null;
            }
            values.add(json.substring(at + 1, end));
            char next = json.charAt(end + 1);
            if (next == ']') {
                return end + 1 == last ? List.copyOf(values) : null;
            }
            if (next != ',') {
                return null;
            }
            at = end + 2;
        }
    }

    /** @return the map of a JSON object written by {@link #ofMap} */
    public static Map<String, String> map(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        try {
            return Map.copyOf(MAPPER.readValue(json, LABELS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON object in the queue database: " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }
}
