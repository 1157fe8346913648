package dev.blixard.http.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class EventJsonTest {

    @Test
    public void aJobEventInSnakeCaseOnOneLine() {
        RecordedEvent event = new RecordedEvent(42, "blixard/job/COMPLETED", Instant.parse("2026-01-31T12:00:00.250Z"),
                Map.of(EventProperties.JOB_ID, "j-1", EventProperties.JOB_STATUS, "Completed",
                        EventProperties.JOB_PREVIOUS_STATUS, "InProgress", EventProperties.JOB_ATTEMPT, 2,
                        EventProperties.WORKER_ID, "w-1", EventProperties.TENANT, "t",
                        EventProperties.JOB_WORKER_TYPES, new String[] {"mock", "local"},
                        EventProperties.REASON, "line one\nline two", EventProperties.NODE_ID, "n1"));
        JsonNode json = EventJson.write(event);
        assertEquals(42, json.path("sequence").asLong());
        assertEquals("blixard/job/COMPLETED", json.path("topic").asText());
        assertEquals("2026-01-31T12:00:00.250Z", json.path("at").asText());
        assertEquals("j-1", json.path("job_id").asText());
        assertEquals("Completed", json.path("status").asText());
        assertEquals("InProgress", json.path("previous_status").asText());
        assertEquals(2, json.path("attempt").asInt());
        assertEquals("w-1", json.path("worker_id").asText());
        assertEquals("t", json.path("tenant").asText());
        assertEquals(2, json.path("worker_types").size());
        assertEquals("n1", json.path("node_id").asText());
        String text = JsonCodec.withMaxDepth(8).text(json);
        assertFalse("one line: " + text, text.contains("\n"));
    }

    @Test
    public void fieldsThatDoNotApplyAreNull() {
        JsonNode json = EventJson.write(new RecordedEvent(3, "blixard/worker/LOST", Instant.EPOCH,
                Map.of(EventProperties.WORKER_ID, "w-1", EventProperties.JOB_WORKER_TYPES, List.of("vm"))));
        for (String field : List.of("job_id", "status", "previous_status", "attempt", "tenant", "reason", "node_id")) {
            assertTrue(field, json.has(field) && json.get(field).isNull());
        }
        assertEquals("vm", json.path("worker_types").path(0).asText());
    }
}
