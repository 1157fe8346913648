package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.blixard.api.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Small writers shared by the response mappers, so that every response spells timestamps, durations,
 * absent values and JSON documents the same way: absent values are written as {@code null} (a response
 * always has the same fields), timestamps in RFC 3339 UTC, durations in milliseconds.
 */
public final class JsonOut {

    private JsonOut() {
    }

    public static void instant(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, Timestamps.format(value));
        }
    }

    public static void instant(ObjectNode node, String field, Optional<Instant> value) {
        instant(node, field, value.orElse(null));
    }

    public static void millis(ObjectNode node, String field, Optional<Duration> value) {
        if (value.isPresent()) {
            node.put(field, value.get().toMillis());
        } else {
            node.putNull(field);
        }
    }

    public static void text(ObjectNode node, String field, Optional<String> value) {
        node.put(field, value.orElse(null));
    }

    /** Writes JSON text the API holds (a payload, a result) as the JSON value it is, not as a string. */
    public static void document(ObjectNode node, String field, Optional<String> json) {
        if (json.isPresent()) {
            node.putRawValue(field, new RawValue(json.get()));
        } else {
            node.putNull(field);
        }
    }

    public static ArrayNode texts(Collection<String> values) {
        ArrayNode array = JsonCodec.array();
        values.forEach(array::add);
        return array;
    }

    public static ObjectNode textMap(Map<String, String> values) {
        ObjectNode object = JsonCodec.object();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> object.put(entry.getKey(), entry.getValue()));
        return object;
    }

    /** @return a health as {@code {status, message, details, checked_at}} */
    public static ObjectNode health(Health health) {
        ObjectNode node = JsonCodec.object();
        node.put("status", WireNames.of(health.state()));
        node.put("message", health.message());
        node.set("details", textMap(health.details()));
        instant(node, "checked_at", health.checkedAt());
        return node;
    }
}
