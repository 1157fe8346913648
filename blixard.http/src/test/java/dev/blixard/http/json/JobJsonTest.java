package dev.blixard.http.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class JobJsonTest {
    private static final Instant CREATED = Instant.parse("2026-01-31T12:00:00.250Z");
    private final JsonCodec codec = JsonCodec.withMaxDepth(64);

    @Test
    public void writesTheWireFormat() {
        Job job = Job.builder("j-1", JobSubmission.builder("{\"x\":[1]}").workerTypes("mock")
                        .timeout(Duration.ofSeconds(2)).tenant("t").build(), CREATED)
                .status(JobStatus.COMPLETED).attempt(1).workerId("w").result("{\"ok\":true}")
                .finishedAt(CREATED.plusSeconds(1))
                .attempts(List.of(new JobAttempt(1, "w", CREATED, CREATED, CREATED.plusSeconds(1),
                        AttemptOutcome.LEASE_EXPIRED, null)))
                .build();
        JsonNode node = roundTrip(JobJson.write(job));
        assertEquals("j-1", node.path("id").asText());
        assertEquals("Completed", node.path("status").asText());
        assertEquals(1, node.path("payload").path("x").path(0).asInt());
        assertTrue(node.path("result").path("ok").asBoolean());
        assertEquals(2000, node.path("timeout_ms").asLong());
        assertEquals("2026-01-31T12:00:00.250Z", node.path("created_at").asText());
        assertEquals("2026-01-31T12:00:01.250Z", node.path("finished_at").asText());
        assertTrue("absent values are written as null", node.path("lease_expires_at").isNull());
        assertTrue(node.has("run_after") && node.path("run_after").isNull());
        assertEquals("LeaseExpired", node.path("attempts").path(0).path("outcome").asText());
        assertEquals("t", node.path("tenant").asText());
        assertEquals(0, node.path("resources").path("memory_mb").asLong());
    }

    @Test
    public void everyFieldOfTheContractIsThere() {
        Job job = Job.builder("j-2", JobSubmission.builder("1").build(), CREATED).build();
        JsonNode node = JobJson.write(job);
        for (String field : List.of("id", "status", "payload", "worker_types", "priority", "run_after", "max_attempts",
                "timeout_ms", "resources", "labels", "depends_on", "idempotency_key", "tenant", "attempt", "worker_id",
                "lease_expires_at", "result", "error", "created_at", "updated_at", "claimed_at", "started_at",
                "finished_at", "attempts")) {
            assertTrue(field, node.has(field));
        }
    }

    private JsonNode roundTrip(JsonNode node) {
        return codec.parse(new String(codec.bytes(node), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }
}
