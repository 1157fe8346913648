package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.job.Backoff;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobSubmission;
import java.util.List;

/**
 * A job on the wire: every submitted field, then its life-cycle ({@code id}, {@code status}, {@code attempt},
 * {@code worker_id}, {@code lease_expires_at}, {@code result}, {@code error}, the timestamps) and its
 * {@code attempts} history. {@code payload} and {@code result} are the JSON documents themselves.
 */
public final class JobJson {

    private JobJson() {
    }

    public static ObjectNode write(Job job) {
        ObjectNode node = JsonCodec.object();
        node.put("id", job.id());
        node.put("status", job.status().displayName());
        writeSpec(node, job.spec());
        node.put("attempt", job.attempt());
        JsonOut.text(node, "worker_id", job.workerId());
        JsonOut.instant(node, "lease_expires_at", job.leaseExpiresAt());
        JsonOut.document(node, "result", job.result());
        JsonOut.text(node, "error", job.error());
        JsonOut.instant(node, "created_at", job.createdAt());
        JsonOut.instant(node, "updated_at", job.updatedAt());
        JsonOut.instant(node, "claimed_at", job.claimedAt());
        JsonOut.instant(node, "started_at", job.startedAt());
        JsonOut.instant(node, "finished_at", job.finishedAt());
        ArrayNode attempts = node.putArray("attempts");
        job.attempts().forEach(attempt -> attempts.add(writeAttempt(attempt)));
        return node;
    }

    /** @return {@code {"jobs": [...]}} */
    public static ObjectNode writeAll(List<Job> jobs) {
        ObjectNode node = JsonCodec.object();
        ArrayNode array = node.putArray("jobs");
        jobs.forEach(job -> array.add(write(job)));
        return node;
    }

    private static void writeSpec(ObjectNode node, JobSubmission spec) {
        JsonOut.document(node, "payload", java.util.Optional.of(spec.payload()));
        node.set("worker_types", JsonOut.texts(spec.workerTypes()));
        node.put("priority", spec.priority());
        JsonOut.instant(node, "run_after", spec.runAfter());
        node.put("max_attempts", spec.maxAttempts());
        node.set("backoff", writeBackoff(spec.backoff()));
        JsonOut.millis(node, "timeout_ms", spec.timeout());
        node.set("resources", ResourcesJson.write(spec.resources()));
        node.set("labels", JsonOut.textMap(spec.labels()));
        node.set("depends_on", JsonOut.texts(spec.dependsOn()));
        JsonOut.text(node, "idempotency_key", spec.idempotencyKey());
        node.put("tenant", spec.tenant());
    }

    private static ObjectNode writeBackoff(Backoff backoff) {
        ObjectNode node = JsonCodec.object();
        node.put("initial_ms", backoff.initial().toMillis());
        node.put("max_ms", backoff.max().toMillis());
        node.put("multiplier", backoff.multiplier());
        node.put("jitter", backoff.jitter());
        return node;
    }

    private static ObjectNode writeAttempt(JobAttempt attempt) {
        ObjectNode node = JsonCodec.object();
        node.put("number", attempt.number());
        node.put("worker_id", attempt.workerId());
        JsonOut.instant(node, "claimed_at", attempt.claimedAt());
        JsonOut.instant(node, "started_at", attempt.started());
        JsonOut.instant(node, "finished_at", attempt.finished());
        node.put("outcome", WireNames.of(attempt.outcome()));
        node.put("error", attempt.error());
        return node;
    }
}
