package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.BlixardException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.SubmitResult;
import dev.blixard.http.auth.Access;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.json.ClaimJson;
import dev.blixard.http.json.FieldReader;
import dev.blixard.http.json.InvalidRequests;
import dev.blixard.http.json.JobJson;
import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.json.StatsJson;
import dev.blixard.http.json.StatusReport;
import dev.blixard.http.json.SubmissionJson;
import dev.blixard.http.metrics.ClaimTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/queue}: publish, batch publish, claim, status reports and stats. */
final class QueueResource {
    private static final Logger LOG = LoggerFactory.getLogger(QueueResource.class);

    /**
     * How long a submit may take before it is answered 503. The store fails a write it could not commit within
     * its own write timeout (30 s by default) before that.
     */
    private static final Duration LONGEST_WRITE = Duration.ofMinutes(1);

    private final NodeServices services;
    private final JsonCodec codec;

    QueueResource(NodeServices services, JsonCodec codec) {
        this.services = services;
        this.codec = codec;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/queue/publish", BodyRule.JSON, this::publish, Role.CLIENT),
                Route.post("/queue/publish/batch", BodyRule.BATCH_JSON, this::publishBatch, Role.CLIENT),
                Route.post("/queue/claim", BodyRule.JSON, this::claim, Role.WORKER),
                Route.post("/queue/status/{id}", BodyRule.JSON, this::status, Role.WORKER),
                Route.get("/queue/stats", call -> Reply.ok(StatsJson.write(services.queries().stats()))));
    }

    /**
     * 201 with the new job's id; 200 with the first job's id when the idempotency key was seen before. Answered
     * asynchronously, as batches are: a request thread does not wait for replication, so a few threads serve
     * many connections (singles under wrk: 2.3-2.5 thread switches per request instead of 3.0).
     */
    private Reply publish(ApiCall call) {
        FieldReader in = call.fields();
        Supplier<JobSubmission> submission = SubmissionJson.read(in, codec, tenantPolicy(call.caller()));
        in.finish();
        return Reply.later(services.commands().submitAsync(submission.get()).thenApply(result -> {
            ObjectNode body = JsonCodec.object().put("job_id", result.jobId());
            return result.created() ? Reply.created(body) : Reply.ok(body);
        }), LONGEST_WRITE);
    }

    /** All or nothing: every job is read and checked before any is submitted. */
    private Reply publishBatch(ApiCall call) {
        FieldReader in = call.fields();
        List<FieldReader> jobs = in.objects("jobs");
        List<Supplier<JobSubmission>> submissions = new ArrayList<>();
        for (FieldReader job : jobs == null ? List.<FieldReader>of() : jobs) {
            submissions.add(SubmissionJson.read(job, codec, tenantPolicy(call.caller())));
        }
        in.finish();
        if (jobs == null || jobs.isEmpty()) {
            throw new dev.blixard.api.InvalidRequestException("jobs", "must list at least one job");
        }
        return Reply.later(services.commands().submitBatchAsync(InvalidRequests.all(submissions)).thenApply(results -> {
            ObjectNode body = JsonCodec.object();
            ArrayNode ids = body.putArray("job_ids");
            results.forEach(result -> ids.add(result.jobId()));
            return results.stream().anyMatch(SubmitResult::created) ? Reply.created(body) : Reply.ok(body);
        }), LONGEST_WRITE);
    }

    /**
     * Answered asynchronously: a long-poll waits without a request thread. Jobs claimed for a caller that is
     * gone by the time they arrive are released at once instead of waiting for their leases to lapse.
     */
    private Reply claim(ApiCall call) {
        ClaimRequest request = ClaimJson.read(call.fields());
        ClaimTimer.Stop timing = services.claimTimer().start(!request.waitFor().isZero());
        try {
            JobCommandService commands = services.commands();
            CompletionStage<List<Job>> claimed = commands.claim(request)
                    .whenComplete((jobs, failure) -> timing.stop(outcome(jobs, failure)));
            return Reply.later(claimed.thenApply(jobs -> Reply.ok(JobJson.writeAll(jobs))
                    .onUndelivered(() -> release(commands, jobs, request.workerId()))), request.waitFor());
        } catch (RuntimeException e) {
            timing.stop(ClaimTimer.Outcome.ERROR);
            throw e;
        }
    }

    private static ClaimTimer.Outcome outcome(List<Job> jobs, Throwable failure) {
        if (failure != null) {
            return ClaimTimer.Outcome.ERROR;
        }
        return jobs.isEmpty() ? ClaimTimer.Outcome.EMPTY : ClaimTimer.Outcome.JOBS;
    }

    private Reply status(ApiCall call) {
        StatusReport report = StatusReport.read(call.fields(), codec);
        String id = call.param("id");
        JobCommandService commands = services.commands();
        Job job;
        switch (report.status()) {
            case IN_PROGRESS:
                job = commands.start(id, report.workerId());
                break;
            case COMPLETED:
                job = commands.complete(id, report.workerId(), report.result());
                break;
            default:
                job = commands.fail(id, report.workerId(), report.failure());
                break;
        }
        return Reply.ok(JobJson.write(job));
    }

    private static UnaryOperator<String> tenantPolicy(Caller caller) {
        return requested -> Access.submissionTenant(caller, requested);
    }

    private static void release(JobCommandService commands, List<Job> jobs, String workerId) {
        for (Job job : jobs) {
            try {
                commands.release(job.id(), workerId, "the claim's HTTP response could not be delivered");
            } catch (BlixardException e) {
                LOG.warn("Job {} claimed for {} was not delivered and could not be released ({}); its lease will lapse",
                        job.id(), workerId, e.getMessage());
            }
        }
    }
}
