package dev.blixard.core.event;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.core.job.JsonText;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of the replicated event log, written by the schema's triggers in the transaction of the change.
 *
 * @param seq the event's position in the log, the same on every node
 */
record StoredEvent(long seq, String topic, String jobId, String status, String previousStatus, Integer attempt,
        String workerId, String tenant, String workerTypes, String reason, long at, Long jobCreatedAt) {

    /** @return the properties of the Event Admin event, keys from {@link EventProperties} */
    Map<String, Object> properties(String nodeId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventProperties.LOG_INDEX, seq);
        properties.put(EventProperties.TIMESTAMP, at);
        properties.put(EventProperties.NODE_ID, nodeId);
        putIfPresent(properties, EventProperties.JOB_ID, jobId);
        putIfPresent(properties, EventProperties.JOB_STATUS, status);
        putIfPresent(properties, EventProperties.JOB_PREVIOUS_STATUS, previousStatus);
        putIfPresent(properties, EventProperties.JOB_ATTEMPT, attempt);
        putIfPresent(properties, EventProperties.WORKER_ID, workerId);
        putIfPresent(properties, EventProperties.TENANT, tenant);
        putIfPresent(properties, EventProperties.REASON, reason);
        putIfPresent(properties, EventProperties.JOB_CREATED_AT, jobCreatedAt);
        if (workerTypes != null) {
            properties.put(EventProperties.JOB_WORKER_TYPES, JsonText.list(workerTypes).toArray(String[]::new));
        }
        return properties;
    }

    /** @return the event as the history serves it: the same properties as the Event Admin event */
    RecordedEvent recorded(String nodeId) {
        return new RecordedEvent(seq, topic, Instant.ofEpochMilli(at), properties(nodeId));
    }

    private static void putIfPresent(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
