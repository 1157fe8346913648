package dev.blixard.core.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        return write(values);
    }

    /** @return the map as a JSON object with sorted keys */
    public static String ofMap(Map<String, String> values) {
        return write(new TreeMap<>(values));
    }

    /** @return the strings of a JSON array written by {@link #ofList} */
    public static List<String> list(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return List.copyOf(MAPPER.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON array in the queue database: " + json, e);
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
