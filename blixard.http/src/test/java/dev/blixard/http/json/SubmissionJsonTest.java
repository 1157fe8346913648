package dev.blixard.http.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.Test;

public class SubmissionJsonTest {
    private final JsonCodec codec = JsonCodec.withMaxDepth(64);

    @Test
    public void readsEveryField() {
        JobSubmission submission = read("{\"payload\": {\"b\": [1, 2], \"a\": null}, \"worker_types\": [\"mock\"],"
                + " \"priority\": 5, \"run_after\": \"2026-01-31T13:00:00+01:00\", \"max_attempts\": 2,"
                + " \"backoff\": {\"initial_ms\": 500}, \"timeout_ms\": 1500,"
                + " \"resources\": {\"cpu\": 0.5, \"memory_mb\": 256}, \"labels\": {\"zone\": \"a\"},"
                + " \"depends_on\": [\"j-1\"], \"idempotency_key\": \"k\", \"tenant\": \"t\"}");
        assertEquals("{\"b\":[1,2],\"a\":null}", submission.payload());
        assertEquals(List.of("mock"), submission.workerTypes());
        assertEquals(5, submission.priority());
        assertEquals(Optional.of(Instant.parse("2026-01-31T12:00:00Z")), submission.runAfter());
        assertEquals(2, submission.maxAttempts());
        assertEquals(Duration.ofMillis(500), submission.backoff().initial());
        assertEquals(Optional.of(Duration.ofMillis(1500)), submission.timeout());
        assertEquals(new Resources(0.5, 256, 0), submission.resources());
        assertEquals(Map.of("zone", "a"), submission.labels());
        assertEquals(List.of("j-1"), submission.dependsOn());
        assertEquals(Optional.of("k"), submission.idempotencyKey());
        assertEquals("t", submission.tenant());
    }

    @Test
    public void absentFieldsTakeTheApiDefaults() {
        JobSubmission submission = read("{\"payload\": \"text\"}");
        assertEquals("\"text\"", submission.payload());
        assertEquals(JobSubmission.DEFAULT_TENANT, submission.tenant());
        assertEquals(JobSubmission.DEFAULT_MAX_ATTEMPTS, submission.maxAttempts());
    }

    @Test
    public void wrongTypesAndUnknownFieldsAreAllReportedAs400() {
        HttpProblem problem = badRequest("{\"payload\": 1, \"priority\": \"high\", \"worker_types\": \"mock\","
                + " \"run_after\": \"tomorrow\", \"resources\": {\"gpu\": 1}, \"priorty\": 1}");
        assertEquals(List.of("worker_types", "priority", "run_after", "resources.gpu", "priorty"),
                problem.violations().stream().map(Violation::field).toList());
    }

    @Test
    public void invalidValuesAre422WithTheirFields() {
        try {
            read("{\"priority\": 2000000, \"max_attempts\": 0}");
            fail("accepted");
        } catch (InvalidRequestException e) {
            List<String> fields = e.violations().stream().map(Violation::field).toList();
            assertTrue(fields.toString(), fields.containsAll(List.of("payload", "priority", "max_attempts")));
        }
    }

    @Test
    public void batchViolationsNameTheirJob() {
        FieldReader in = FieldReader.of(codec.parse(bytes("{\"jobs\": [{\"payload\": 1}, {\"payload\": 1, \"max_attempts\": 0}]}")),
                "the body");
        List<Supplier<JobSubmission>> jobs = in.objects("jobs").stream()
                .map(job -> SubmissionJson.read(job, codec, tenant -> tenant)).toList();
        in.finish();
        try {
            InvalidRequests.all(jobs);
            fail("accepted");
        } catch (InvalidRequestException e) {
            assertEquals("jobs[1].max_attempts", e.violations().get(0).field());
        }
    }

    @Test
    public void theTenantPolicyDecides() {
        FieldReader in = FieldReader.of(codec.parse(bytes("{\"payload\": 1}")), "the body");
        assertEquals("mine", SubmissionJson.read(in, codec, requested -> "mine").get().tenant());
    }

    private JobSubmission read(String json) {
        FieldReader in = FieldReader.of(codec.parse(bytes(json)), "the body");
        Supplier<JobSubmission> submission = SubmissionJson.read(in, codec, tenant -> tenant);
        in.finish();
        return submission.get();
    }

    private HttpProblem badRequest(String json) {
        try {
            read(json);
        } catch (HttpProblem problem) {
            assertEquals(ProblemKind.BAD_REQUEST, problem.kind());
            return problem;
        }
        throw new AssertionError("accepted " + json);
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
