package dev.blixard.http.metrics;

import static dev.blixard.http.metrics.Scrapes.assertLine;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.JobEvent;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.osgi.service.event.Event;

public class JobEventMetersTest {
    private final NodeMeters meters = new NodeMeters(() -> null, () -> null, () -> null, new MockClock(),
            Duration.ofSeconds(1));

    @After
    public void close() {
        meters.close();
    }

    private static Event event(JobEvent kind, Long index, long createdAt, long committedAt) {
        Map<String, Object> properties = new HashMap<>();
        if (index != null) {
            properties.put(EventProperties.LOG_INDEX, index);
        }
        properties.put(EventProperties.JOB_ID, "job-" + index);
        properties.put(EventProperties.JOB_CREATED_AT, createdAt);
        properties.put(EventProperties.TIMESTAMP, committedAt);
        return new Event(kind.topic(), properties);
    }

    @Test
    public void eachEventCountsOnceByItsLogIndex() {
        meters.onEvent(event(JobEvent.SUBMITTED, 1L, 0, 0));
        meters.onEvent(event(JobEvent.SUBMITTED, 2L, 0, 0));
        meters.onEvent(event(JobEvent.SUBMITTED, 1L, 0, 0));
        meters.onEvent(event(JobEvent.SUBMITTED, null, 0, 0));
        meters.onEvent(event(JobEvent.FAILED, 4L, 0, 0));
        meters.onEvent(event(JobEvent.CANCELLED, 3L, 0, 0));
        meters.onEvent(event(JobEvent.RETRY_SCHEDULED, 5L, 0, 0));
        meters.onEvent(new Event("blixard/job/UNKNOWN", Map.of(EventProperties.LOG_INDEX, 6L)));
        String text = meters.scrape(null).text();
        assertLine(text, "blixard_jobs_submitted_total 2.0");
        assertLine(text, "blixard_jobs_failed_total 1.0");
        assertLine(text, "blixard_jobs_cancelled_total 1.0");
        assertLine(text, "blixard_job_retries_scheduled_total 1.0");
        assertLine(text, "blixard_jobs_completed_total 0.0");
        assertTrue(text.contains("# HELP blixard_jobs_submitted_total Jobs submitted (the cluster's events as this node saw"));
    }

    @Test
    public void endToEndLatencyFromSubmissionToCompletion() {
        meters.onEvent(event(JobEvent.COMPLETED, 10L, 1_000, 1_040));
        meters.onEvent(event(JobEvent.COMPLETED, 11L, 1_000, 1_000 + 90_000));
        meters.onEvent(event(JobEvent.COMPLETED, 11L, 1_000, 1_000 + 90_000));
        meters.onEvent(event(JobEvent.FAILED, 12L, 1_000, 1_000 + 700_000));
        String text = meters.scrape(null).text();
        assertLine(text, "blixard_jobs_completed_total 2.0");
        assertLine(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"completed\",le=\"0.025\"} 0");
        assertLine(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"completed\",le=\"0.05\"} 1");
        assertLine(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"completed\",le=\"120.0\"} 2");
        assertLine(text, "blixard_job_end_to_end_seconds_count{outcome=\"completed\"} 2");
        assertLine(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"failed\",le=\"600.0\"} 0");
        assertLine(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"failed\",le=\"+Inf\"} 1");
    }
}
