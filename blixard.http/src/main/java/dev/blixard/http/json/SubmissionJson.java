package dev.blixard.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.job.Backoff;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A job submission on the wire: the body of {@code POST /api/queue/publish} and each element of a batch's
 * {@code jobs}. {@code payload} is any JSON value and is kept as JSON text; {@code run_after} is RFC 3339,
 * {@code timeout_ms} milliseconds; {@code backoff} ({@code initial_ms}, {@code max_ms}, {@code multiplier},
 * {@code jitter}) is optional, its absent parts take the API's defaults.
 */
public final class SubmissionJson {

    private SubmissionJson() {
    }

    /**
     * Reads every field now (type errors go to the reader) and builds the submission later, once the reader
     * has {@linkplain FieldReader#finish() finished} without problems.
     *
     * @param tenantPolicy turns the tenant the body names (or {@code null}) into the one to submit in (or
     *        {@code null} for the API's default); it may refuse
     * @return how to build the submission; its violations name fields under the reader's path
     */
    public static Supplier<JobSubmission> read(FieldReader in, JsonCodec codec, UnaryOperator<String> tenantPolicy) {
        JsonNode payload = in.any("payload");
        List<String> workerTypes = in.texts("worker_types");
        Integer priority = in.integer("priority");
        Instant runAfter = in.timestamp("run_after");
        Integer maxAttempts = in.integer("max_attempts");
        Supplier<Backoff> backoff = backoff(in);
        Duration timeout = in.millis("timeout_ms");
        Supplier<Resources> resources = ResourcesJson.read(in, "resources");
        Map<String, String> labels = in.textMap("labels");
        List<String> dependsOn = in.texts("depends_on");
        String idempotencyKey = in.text("idempotency_key");
        String tenant = tenantPolicy.apply(in.text("tenant"));
        in.rejectUnknownFields();
        return () -> InvalidRequests.prefixed(in.path(), () -> {
            JobSubmission.Builder builder = JobSubmission.builder(payload == null ? null : codec.text(payload))
                    .runAfter(runAfter)
                    .timeout(timeout)
                    .idempotencyKey(idempotencyKey);
            Given.set(workerTypes, builder::workerTypes);
            Given.set(priority, builder::priority);
            Given.set(maxAttempts, builder::maxAttempts);
            Given.set(backoff, policy -> builder.backoff(policy.get()));
            Given.set(resources, amounts -> builder.resources(amounts.get()));
            Given.set(labels, builder::labels);
            Given.set(dependsOn, builder::dependsOn);
            Given.set(tenant, builder::tenant);
            return builder.build();
        });
    }

    private static Supplier<Backoff> backoff(FieldReader in) {
        FieldReader policy = in.object("backoff");
        if (policy == null) {
            return null;
        }
        Duration initial = policy.millis("initial_ms");
        Duration max = policy.millis("max_ms");
        Double multiplier = policy.number("multiplier");
        Double jitter = policy.number("jitter");
        policy.rejectUnknownFields();
        Backoff defaults = Backoff.DEFAULT;
        return () -> new Backoff(initial == null ? defaults.initial() : initial, max == null ? defaults.max() : max,
                multiplier == null ? defaults.multiplier() : multiplier, jitter == null ? defaults.jitter() : jitter);
    }
}
