package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An event of the stream {@code /api/events} as its {@code data}: always the same fields, {@code null} where
 * the event does not apply ({@code sequence}, {@code topic}, {@code at}, {@code job_id}, {@code status},
 * {@code previous_status}, {@code attempt}, {@code worker_id}, {@code tenant}, {@code worker_types},
 * {@code reason}, {@code node_id}), like every other answer of the API.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectNode write(RecordedEvent event) {
        Map<String, Object> properties = event.properties();
        ObjectNode node = JsonCodec.object();
        node.put("sequence", event.sequence());
        node.put("topic", event.topic());
        JsonOut.instant(node, "at", event.at());
        node.put("job_id", text(properties.get(EventProperties.JOB_ID)));
        node.put("status", text(properties.get(EventProperties.JOB_STATUS)));
        node.put("previous_status", text(properties.get(EventProperties.JOB_PREVIOUS_STATUS)));
        Object attempt = properties.get(EventProperties.JOB_ATTEMPT);
        if (attempt instanceof Number) {
            node.put("attempt", ((Number) attempt).intValue());
        } else {
            node.putNull("attempt");
        }
        node.put("worker_id", text(properties.get(EventProperties.WORKER_ID)));
        node.put("tenant", text(properties.get(EventProperties.TENANT)));
        node.set("worker_types", texts(properties.get(EventProperties.JOB_WORKER_TYPES)));
        node.put("reason", text(properties.get(EventProperties.REASON)));
        node.put("node_id", text(properties.get(EventProperties.NODE_ID)));
        return node;
    }

    /**
     * @param after the sequence the reader resumed after
     * @param oldest the oldest sequence still kept
     * @return the data of the event saying that events between the two were trimmed and are lost to the reader
     */
    public static ObjectNode gap(String topic, long after, long oldest) {
        ObjectNode node = JsonCodec.object();
        node.put("topic", topic);
        node.put("after", after);
        node.put("oldest_sequence", oldest);
        node.put("message", "events after " + after + " and before " + oldest
                + " were trimmed from the node's history; reload the state you follow");
        return node;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static ArrayNode texts(Object value) {
        if (value instanceof String[]) {
            return JsonOut.texts(List.of((String[]) value));
        }
        if (value instanceof Collection) {
            ArrayNode array = JsonCodec.array();
            ((Collection<?>) value).forEach(element -> array.add(String.valueOf(element)));
            return array;
        }
        return null;
    }
}
