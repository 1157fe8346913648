package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenService;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.integration.osgi.RestClient.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code GET /metrics} on a running node: after mock jobs complete and a worker claims over REST, the scrape
 * shows the job counters, jobs by status, the store's leadership, the backends, the JVM and the latency
 * histograms; it refuses a request without a token (401) and a non-admin token (403).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsTest extends BlixardTestSupport {
    private static final int JOBS = 3;
    private static final long COMPLETION_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
    private static final String MOCK_JOB = "{\"payload\": {\"duration_ms\": 5, \"outcome\": \"success\"}, "
            + "\"worker_types\": [\"mock\"]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RestClient rest;
    private String admin;
    private String metricsUrl;

    @Before
    public void awaitApi() {
        awaitService(JobCommandService.class);
        awaitServiceReference("the metrics", "(objectClass=dev.blixard.http.metrics.Metrics)");
        String port = bundleContext.getProperty(BlixardRuntimeOptions.HTTP_PORT_PROPERTY);
        rest = new RestClient(BlixardRuntimeOptions.HTTP_HOST, port);
        metricsUrl = "http://" + BlixardRuntimeOptions.HTTP_HOST + ":" + port + "/metrics";
        admin = awaitService(TokenService.class).create(Role.ADMIN, null, "MetricsTest admin").secret();
        Poll.until(SERVICE_TIMEOUT_MS, () -> scrape(admin).statusCode(), status -> status == 200);
    }

    @Test
    public void scrapeShowsJobsStoreBackendsJvmAndLatencies() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            Answer published = rest.post("/queue/publish", admin, MOCK_JOB);
            assertEquals("publish: " + published, 201, published.status());
            ids.add(published.json().path("job_id").asText());
        }
        for (String id : ids) {
            Answer job = Poll.until(COMPLETION_TIMEOUT_MS, () -> get("/jobs/" + id),
                    answer -> "Completed".equals(answer.json().path("status").asText()));
            assertEquals("job " + id + ": " + job, "Completed", job.json().path("status").asText());
        }
        Answer registered = rest.post("/workers/register", admin, "{\"worker_id\": \"metrics-ext\", "
                + "\"worker_types\": [\"metricsext\"], \"capacity\": 1, \"resources\": {\"cpu\": 1, \"memory_mb\": 512}}");
        assertEquals("register: " + registered, 200, registered.status());
        Answer claim = rest.post("/queue/claim", admin,
                "{\"worker_id\": \"metrics-ext\", \"worker_type\": \"metricsext\", \"wait_ms\": 0}");
        assertEquals("claim: " + claim, 200, claim.status());

        // Queue gauges are read from the store at most once a second: poll until the cached reading is fresh.
        String text = Poll.until(COMPLETION_TIMEOUT_MS, () -> scrape(admin).body(),
                body -> value(body, "blixard_jobs_completed_total").orElse(0) >= JOBS
                        && value(body, "blixard_jobs{status=\"completed\"}").orElse(0) >= JOBS);
        assertTrue(text, value(text, "blixard_jobs_completed_total").orElse(0) >= JOBS);
        assertTrue(text, value(text, "blixard_jobs_submitted_total").orElse(0) >= JOBS);
        assertTrue(text, value(text, "blixard_jobs{status=\"completed\"}").orElse(0) >= JOBS);
        assertEquals(text, 1.0, value(text, "blixard_store_leader").orElse(-1), 0);
        assertEquals(text, 1.0, value(text, "blixard_backend_up{type=\"mock\"}").orElse(-1), 0);
        assertFalse(text, lines(text, "jvm_memory_used_bytes{").isEmpty());
        assertFalse("GC meters need com.sun.management: " + text, lines(text, "jvm_gc_max_data_size_bytes").isEmpty());
        assertEquals(text, JOBS * 1.0,
                value(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"completed\",le=\"+Inf\"}").orElse(0), 0.5);
        assertFalse(text, lines(text, "blixard_job_end_to_end_seconds_bucket{outcome=\"completed\",le=\"0.1\"}").isEmpty());
        assertEquals(text, 1.0, value(text,
                "blixard_claim_duration_seconds_count{long_poll=\"false\",outcome=\"empty\"}").orElse(0), 0);
    }

    @Test
    public void refusesWithoutATokenAndForNonAdmins() throws Exception {
        HttpResponse<String> anonymous = scrape(null);
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, scrape("not-a-token").statusCode());
        String client = awaitService(TokenService.class).create(Role.CLIENT, null, "MetricsTest client").secret();
        assertEquals(403, scrape(client).statusCode());
        HttpResponse<String> ok = scrape(admin);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse(""),
                ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    }

    private HttpResponse<String> scrape(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + metricsUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Answer get(String path) {
        try {
            return rest.get(path, admin);
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(line -> line.startsWith(prefix)).toList();
    }

    /** @return the value of the sample named exactly {@code series} (name and labels), if present */
    private static OptionalDouble value(String text, String series) {
        return lines(text, series + " ").stream().mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst();
    }
}
