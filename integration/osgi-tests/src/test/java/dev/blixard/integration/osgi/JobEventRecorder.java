package dev.blixard.integration.osgi;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.JobEvent;

/**
 * An Event Admin subscriber to every job event ({@code blixard/job/*}) of one tenant, registered as a
 * service by the test: counts, per topic, how often each job was named. Thread-safe; close it to
 * unregister.
 */
final class JobEventRecorder implements EventHandler, AutoCloseable {

    /** Topic → job id → events seen. */
    private final Map<String, Map<String, AtomicInteger>> counts = new ConcurrentHashMap<>();
    private final ServiceRegistration<EventHandler> registration;

    private JobEventRecorder(BundleContext context, String tenant) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, new String[] {JobEvent.ALL_TOPICS});
        properties.put(EventConstants.EVENT_FILTER, "(" + EventProperties.TENANT + "=" + tenant + ")");
        this.registration = context.registerService(EventHandler.class, this, properties);
    }

    /** Subscribes to the job events of {@code tenant}; Event Admin delivers to it from now on. */
    static JobEventRecorder subscribe(BundleContext context, String tenant) {
        return new JobEventRecorder(context, tenant);
    }

    @Override
    public void handleEvent(Event event) {
        Object jobId = event.getProperty(EventProperties.JOB_ID);
        if (jobId instanceof String) {
            counts.computeIfAbsent(event.getTopic(), topic -> new ConcurrentHashMap<>())
                    .computeIfAbsent((String) jobId, id -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    /** @return how many {@code event} events named {@code jobId} so far */
    int count(JobEvent event, String jobId) {
        AtomicInteger count = counts.getOrDefault(event.topic(), Map.of()).get(jobId);
        return count == null ? 0 : count.get();
    }

    /** @return how many distinct jobs had at least one {@code event} event so far */
    int jobsWith(JobEvent event) {
        return counts.getOrDefault(event.topic(), Map.of()).size();
    }

    /** @return how many {@code event} events arrived so far, over all jobs */
    int total(JobEvent event) {
        return counts.getOrDefault(event.topic(), Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The probe bundle stopped first: the framework unregistered it.
        }
    }
}
