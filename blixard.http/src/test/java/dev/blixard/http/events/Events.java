package dev.blixard.http.events;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.JobEvent;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.api.event.WorkerEvent;
import java.time.Instant;
import java.util.Map;

/** Recorded events for tests. */
final class Events {

    private Events() {
    }

    static RecordedEvent job(long sequence, String tenant) {
        return new RecordedEvent(sequence, JobEvent.COMPLETED.topic(), Instant.ofEpochMilli(sequence),
                Map.of(EventProperties.JOB_ID, "j-" + sequence, EventProperties.TENANT, tenant,
                        EventProperties.JOB_STATUS, "Completed", EventProperties.LOG_INDEX, sequence));
    }

    static RecordedEvent job(long sequence) {
        return job(sequence, "t");
    }

    static RecordedEvent worker(long sequence) {
        return new RecordedEvent(sequence, WorkerEvent.LOST.topic(), Instant.ofEpochMilli(sequence),
                Map.of(EventProperties.WORKER_ID, "w-1", EventProperties.LOG_INDEX, sequence));
    }
}
