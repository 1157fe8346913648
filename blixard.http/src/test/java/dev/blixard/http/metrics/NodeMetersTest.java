package dev.blixard.http.metrics;

import static dev.blixard.http.metrics.Scrapes.assertLine;
import static dev.blixard.http.metrics.Scrapes.lines;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

public class NodeMetersTest {
    private final FakeNode node = new FakeNode();
    private final MockClock clock = new MockClock();
    private NodeMeters meters;

    @After
    public void close() {
        if (meters != null) {
            meters.close();
        }
    }

    private NodeMeters withServices() {
        meters = new NodeMeters(node::queries, node::cluster, node::health, clock, Duration.ofSeconds(1));
        return meters;
    }

    private String scrape() {
        return meters.scrape(null).text();
    }

    @Test
    public void jobsByStatusAndWorkerType() {
        withServices();
        String text = scrape();
        assertLine(text, "blixard_jobs{status=\"pending\"} 3.0");
        assertLine(text, "blixard_jobs{status=\"completed\"} 7.0");
        assertLine(text, "blixard_jobs{status=\"in_progress\"} 0.0");
        assertLine(text, "blixard_jobs_by_worker_type{status=\"pending\",worker_type=\"mock\"} 2.0");
        assertLine(text, "blixard_jobs_by_worker_type{status=\"pending\",worker_type=\"*\"} 1.0");
        assertLine(text, "blixard_jobs_oldest_pending_age_seconds 4.0");
    }

    @Test
    public void statsAreReadOncePerSecondWhateverTheScrapes() {
        withServices();
        scrape();
        scrape();
        assertEquals(1, node.statsReads.get());
        node.stats = new QueueStats(Map.of(JobStatus.PENDING, 9L), Map.of(), null, List.of(), Instant.EPOCH);
        clock.add(999, TimeUnit.MILLISECONDS);
        assertLine(scrape(), "blixard_jobs{status=\"pending\"} 3.0");
        clock.add(1, TimeUnit.MILLISECONDS);
        String text = scrape();
        assertEquals(2, node.statsReads.get());
        assertLine(text, "blixard_jobs{status=\"pending\"} 9.0");
        assertTrue(lines(text, "blixard_jobs_by_worker_type{").isEmpty());
    }

    @Test
    public void absentServicesGiveNoValues() {
        meters = new NodeMeters(() -> null, () -> null, () -> null, clock, Duration.ofSeconds(1));
        String text = scrape();
        assertTrue(lines(text, "blixard_jobs{").isEmpty());
        assertTrue(lines(text, "blixard_jobs_by_worker_type").isEmpty());
        assertTrue(lines(text, "blixard_jobs_oldest_pending_age_seconds").isEmpty());
        assertTrue(lines(text, "blixard_store_").isEmpty());
        assertTrue(lines(text, "blixard_backend_up").isEmpty());
    }

    @Test
    public void aFailingServiceGivesNoValuesUntilItRecovers() {
        meters = new NodeMeters(() -> {
            throw new dev.blixard.api.UnavailableException("no leader");
        }, node::cluster, node::health, clock, Duration.ofSeconds(1));
        String text = scrape();
        assertTrue(lines(text, "blixard_jobs{").isEmpty());
        assertLine(text, "blixard_store_leader 1.0");
    }

    @Test
    public void storeAsThisNodeSeesIt() {
        withServices();
        String text = scrape();
        assertLine(text, "blixard_store_leader 1.0");
        assertLine(text, "blixard_store_has_leader 1.0");
        assertLine(text, "blixard_store_term 3.0");
        assertLine(text, "blixard_store_commit_index 42.0");
        assertLine(text, "blixard_store_applied_index 41.0");
        assertLine(text, "blixard_store_members 1.0");
    }

    @Test
    public void aFollowerIsNotTheLeader() {
        node.status = new dev.blixard.api.service.ClusterStatus("n2", "FOLLOWER", "n1", 3, 42, 41, List.of());
        withServices();
        assertLine(scrape(), "blixard_store_leader 0.0");
    }

    @Test
    public void backendHealthFromTheHealthService() {
        withServices();
        String text = scrape();
        assertLine(text, "blixard_backend_up{type=\"mock\"} 1.0");
        assertLine(text, "blixard_backend_up{type=\"vm\"} 0.5");
        assertLine(text, "blixard_backend_up{type=\"wasm\"} 0.0");
        assertTrue(lines(text, "blixard_backend_up{type=\"store\"").isEmpty());
    }

    @Test
    public void jvmBasics() {
        withServices();
        String text = scrape();
        assertFalse(lines(text, "jvm_memory_used_bytes{").isEmpty());
        assertFalse(lines(text, "jvm_threads_live_threads").isEmpty());
        assertFalse(lines(text, "jvm_classes_loaded_classes").isEmpty());
        assertFalse(lines(text, "process_uptime_seconds").isEmpty());
    }

    @Test
    public void prometheusTextUnlessOpenMetricsIsAsked() {
        withServices();
        assertEquals("text/plain; version=0.0.4; charset=utf-8", meters.scrape("*/*").contentType());
        MetricsScrape open = meters.scrape("application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", open.contentType());
        assertTrue(open.text().endsWith("# EOF\n"));
    }

    @Test
    public void claimsAreTimedByLongPollAndOutcome() {
        withServices();
        ClaimTimer.Stop quick = meters.claims().start(false);
        clock.add(30, TimeUnit.MILLISECONDS);
        quick.stop(ClaimTimer.Outcome.JOBS);
        ClaimTimer.Stop waiting = meters.claims().start(true);
        clock.add(20, TimeUnit.SECONDS);
        waiting.stop(ClaimTimer.Outcome.EMPTY);
        String text = scrape();
        assertLine(text, "blixard_claim_duration_seconds_bucket{long_poll=\"false\",outcome=\"jobs\",le=\"0.025\"} 0");
        assertLine(text, "blixard_claim_duration_seconds_bucket{long_poll=\"false\",outcome=\"jobs\",le=\"0.05\"} 1");
        assertLine(text, "blixard_claim_duration_seconds_bucket{long_poll=\"true\",outcome=\"empty\",le=\"10.0\"} 0");
        assertLine(text, "blixard_claim_duration_seconds_bucket{long_poll=\"true\",outcome=\"empty\",le=\"30.0\"} 1");
        assertLine(text, "blixard_claim_duration_seconds_count{long_poll=\"true\",outcome=\"empty\"} 1");
    }
}
