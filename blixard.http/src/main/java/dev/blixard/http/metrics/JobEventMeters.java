package dev.blixard.http.metrics;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.JobEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.service.event.Event;

/**
 * Counters of job events and the end-to-end latency, from the job events core relays on Event Admin. Core
 * relays every committed event of the cluster on every node, so these count the cluster's events as this node
 * saw them since it started; each event counts once, by its {@code log.index}.
 *
 * <p>{@code blixard_job_end_to_end_seconds{outcome}} is the time from a job's submission
 * ({@code job.created_at}) to the commit of its completion or final failure ({@code timestamp}).
 */
final class JobEventMeters {
    private static final String SEEN = " (the cluster's events as this node saw them since it started)";
    private static final int REMEMBERED_INDEXES = 16_384;

    private final Map<JobEvent, Counter> counters = new EnumMap<>(JobEvent.class);
    private final Map<JobEvent, Timer> endToEnd = new EnumMap<>(JobEvent.class);
    private final SeenIndexes seen = new SeenIndexes(REMEMBERED_INDEXES);

    JobEventMeters(MeterRegistry registry) {
        counter(registry, JobEvent.SUBMITTED, "blixard.jobs.submitted", "Jobs submitted");
        counter(registry, JobEvent.COMPLETED, "blixard.jobs.completed", "Jobs completed");
        counter(registry, JobEvent.FAILED, "blixard.jobs.failed", "Jobs failed for good (dead-lettered)");
        counter(registry, JobEvent.CANCELLED, "blixard.jobs.cancelled", "Jobs cancelled");
        counter(registry, JobEvent.RETRIED, "blixard.jobs.retried", "Finished jobs put back to pending by a person");
        counter(registry, JobEvent.RETRY_SCHEDULED, "blixard.job.retries.scheduled",
                "Failed attempts followed by another attempt");
        counter(registry, JobEvent.REQUEUED, "blixard.jobs.requeued",
                "Jobs back in the queue without an attempt counted (released, or their lease lapsed)");
        timer(registry, JobEvent.COMPLETED, "completed");
        timer(registry, JobEvent.FAILED, "failed");
    }

    /** Counts {@code event} unless it is not a relayed job event or was counted before. */
    void onEvent(Event event) {
        JobEvent kind = kind(event.getTopic());
        Object index = event.getProperty(EventProperties.LOG_INDEX);
        if (kind == null || !(index instanceof Number) || !seen.firstSighting(((Number) index).longValue())) {
            return;
        }
        Counter counter = counters.get(kind);
        if (counter != null) {
            counter.increment();
        }
        Timer timer = endToEnd.get(kind);
        Object createdAt = event.getProperty(EventProperties.JOB_CREATED_AT);
        Object committedAt = event.getProperty(EventProperties.TIMESTAMP);
        if (timer != null && createdAt instanceof Number && committedAt instanceof Number) {
            long millis = ((Number) committedAt).longValue() - ((Number) createdAt).longValue();
            if (millis >= 0) {
                timer.record(millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static JobEvent kind(String topic) {
        if (topic == null || !topic.startsWith(JobEvent.TOPIC_PREFIX)) {
            return null;
        }
        try {
            return JobEvent.valueOf(topic.substring(JobEvent.TOPIC_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void counter(MeterRegistry registry, JobEvent kind, String name, String description) {
        counters.put(kind, Counter.builder(name).description(description + SEEN).register(registry));
    }

    private void timer(MeterRegistry registry, JobEvent kind, String outcome) {
        endToEnd.put(kind, LatencyTimers.builder("blixard.job.end.to.end",
                "Time from a job's submission to the commit of its completion or final failure" + SEEN)
                .tag("outcome", outcome).register(registry));
    }
}
