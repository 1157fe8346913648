package dev.blixard.http.events;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.JobEvent;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.api.event.WorkerEvent;

/**
 * Which events one stream shows.
 *
 * @param jobs whether job events ({@code blixard/job/*}) are shown
 * @param workers whether worker events ({@code blixard/worker/*}) are shown
 * @param tenant the only tenant whose job events are shown, or {@code null} for every tenant
 */
public record EventFilter(boolean jobs, boolean workers, String tenant) {

    /** @return whether the stream shows {@code event} */
    public boolean accepts(RecordedEvent event) {
        String topic = event.topic();
        if (topic.startsWith(JobEvent.TOPIC_PREFIX)) {
            return jobs && (tenant == null || tenant.equals(event.properties().get(EventProperties.TENANT)));
        }
        return workers && topic.startsWith(WorkerEvent.TOPIC_PREFIX);
    }
}
