package dev.blixard.api.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

public class JobSubmissionTest {

    @Test
    public void aMinimalSubmissionGetsTheDocumentedDefaults() {
        JobSubmission submission = JobSubmission.builder("{\"x\":1}").build();

        assertEquals("{\"x\":1}", submission.payload());
        assertTrue(submission.workerTypes().isEmpty());
        assertEquals(0, submission.priority());
        assertFalse(submission.runAfter().isPresent());
        assertEquals(JobSubmission.DEFAULT_MAX_ATTEMPTS, submission.maxAttempts());
        assertEquals(Backoff.DEFAULT, submission.backoff());
        assertFalse(submission.timeout().isPresent());
        assertEquals(Resources.NONE, submission.resources());
        assertTrue(submission.labels().isEmpty());
        assertTrue(submission.dependsOn().isEmpty());
        assertFalse(submission.idempotencyKey().isPresent());
        assertEquals("default", submission.tenant());
    }

    @Test
    public void aFullSubmissionKeepsEveryFieldAndSurvivesToBuilder() {
        JobSubmission submission = JobSubmission.builder("[1,2]")
                .workerTypes("local", "wasm")
                .priority(7)
                .runAfter(Instant.parse("2026-11-26T12:00:00Z"))
                .maxAttempts(5)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 3, 0))
                .timeout(Duration.ofSeconds(30))
                .resources(new Resources(0.5, 256, 1024))
                .labels(Map.of("zone", "a"))
                .dependsOn(List.of("job-1", "job-2"))
                .idempotencyKey("order-42")
                .tenant("acme")
                .build();

        assertEquals(List.of("local", "wasm"), submission.workerTypes());
        assertEquals(Duration.ofSeconds(30), submission.timeout().orElseThrow());
        assertEquals("order-42", submission.idempotencyKey().orElseThrow());
        assertEquals(submission, submission.toBuilder().build());
        assertEquals(submission.hashCode(), submission.toBuilder().build().hashCode());
    }

    @Test
    public void theBuilderCopiesMutableInputs() {
        List<String> types = new ArrayList<>(List.of("local"));
        Map<String, String> labels = new HashMap<>(Map.of("zone", "a"));
        JobSubmission submission = JobSubmission.builder("1").workerTypes(types).labels(labels).build();
        types.add("vm");
        labels.put("zone", "b");

        assertEquals(List.of("local"), submission.workerTypes());
        assertEquals("a", submission.labels().get("zone"));
    }

    @Test
    public void everyInvalidFieldIsReportedAtOnce() {
        try {
            JobSubmission.builder(" ")
                    .workerTypes("Local", "wasm", "wasm")
                    .priority(JobSubmission.MAX_PRIORITY + 1)
                    .maxAttempts(0)
                    .timeout(Duration.ZERO)
                    .labels(Map.of("bad key!", "v"))
                    .dependsOn(List.of("ok", "not valid"))
                    .idempotencyKey("")
                    .tenant("Acme")
                    .build();
            fail("invalid submission accepted");
        } catch (InvalidRequestException e) {
            List<String> fields = e.violations().stream().map(Violation::field).collect(Collectors.toList());
            assertEquals(List.of("payload", "worker_types[0]", "worker_types", "priority", "max_attempts",
                    "timeout_ms", "labels.bad key!", "depends_on[1]", "idempotency_key", "tenant"), fields);
            assertTrue(e.getMessage(), e.getMessage().contains("'Local' is not a valid worker type"));
        }
    }

    @Test
    public void requiredValuesMayNotBeNull() {
        assertInvalid(() -> JobSubmission.builder(null).build(), "payload");
        assertInvalid(() -> JobSubmission.builder("1").workerTypes((List<String>) null).build(), "worker_types");
        assertInvalid(() -> JobSubmission.builder("1").backoff(null).build(), "backoff");
        assertInvalid(() -> JobSubmission.builder("1").resources(null).build(), "resources");
        assertInvalid(() -> JobSubmission.builder("1").labels(null).build(), "labels");
        assertInvalid(() -> JobSubmission.builder("1").dependsOn(null).build(), "depends_on");
        assertInvalid(() -> JobSubmission.builder("1").tenant(null).build(), "tenant");
        assertInvalid(() -> JobSubmission.builder("1").workerTypes(Arrays.asList("local", null)).build(),
                "worker_types[1]");
    }

    @Test
    public void limitsAreInclusive() {
        JobSubmission.builder("1").priority(JobSubmission.MAX_PRIORITY).maxAttempts(JobSubmission.MAX_ATTEMPTS_LIMIT)
                .idempotencyKey("k".repeat(JobSubmission.MAX_IDEMPOTENCY_KEY)).build();
        JobSubmission.builder("1").priority(-JobSubmission.MAX_PRIORITY).maxAttempts(1).build();
        assertInvalid(() -> JobSubmission.builder("1").maxAttempts(JobSubmission.MAX_ATTEMPTS_LIMIT + 1).build(),
                "max_attempts");
        assertInvalid(() -> JobSubmission.builder("1")
                .idempotencyKey("k".repeat(JobSubmission.MAX_IDEMPOTENCY_KEY + 1)).build(), "idempotency_key");
        assertInvalid(() -> JobSubmission.builder("1").timeout(Duration.ofMillis(-1)).build(), "timeout_ms");
    }

    @Test
    public void tooManyWorkerTypesAreRefused() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add("t" + i);
        }
        assertInvalid(() -> JobSubmission.builder("1").workerTypes(many).build(), "worker_types");
    }

    static void assertInvalid(Runnable build, String field) {
        try {
            build.run();
            fail("expected a violation of " + field);
        } catch (InvalidRequestException e) {
            assertTrue(field + " not among " + e.violations(),
                    e.violations().stream().anyMatch(v -> v.field().equals(field)));
        }
    }
}
