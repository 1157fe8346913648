package dev.blixard.core.service;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.SubmitResult;
import dev.blixard.core.queue.AsyncJobReports;
import dev.blixard.core.queue.JobQueue;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link JobCommandService} over the node's queue. It also offers {@link AsyncJobReports}, which the node's
 * own worker agent finds on this object (same bundle) to report without a thread per report.
 */
@Component(service = JobCommandService.class)
public final class JobCommandServiceComponent implements JobCommandService, AsyncJobReports {
    private final JobQueue queue;

    @Activate
    public JobCommandServiceComponent(@Reference QueueComponent queue) {
        this(queue.queue());
    }

    /** Over the queue; a factory, not a constructor, so that DS sees only the constructor it activates. */
    private JobCommandServiceComponent(JobQueue queue) {
        this.queue = queue;
    }

    /** @return the service over a queue opened without OSGi (tests, the benchmark) */
    public static JobCommandServiceComponent over(JobQueue queue) {
        return new JobCommandServiceComponent(queue);
    }

    @Override
    public SubmitResult submit(JobSubmission submission) {
        return queue.submitter().submit(List.of(Objects.requireNonNull(submission, "submission"))).get(0);
    }

    @Override
    public CompletionStage<SubmitResult> submitAsync(JobSubmission submission) {
        return queue.submitter().submitAsync(List.of(Objects.requireNonNull(submission, "submission")))
                .thenApply(results -> results.get(0));
    }

    @Override
    public List<SubmitResult> submitBatch(List<JobSubmission> submissions) {
        return queue.submitter().submit(List.copyOf(submissions));
    }

    @Override
    public CompletionStage<List<SubmitResult>> submitBatchAsync(List<JobSubmission> submissions) {
        return queue.submitter().submitAsync(List.copyOf(submissions));
    }

    @Override
    public CompletionStage<List<Job>> claim(ClaimRequest request) {
        return queue.claims().claim(Objects.requireNonNull(request, "request"));
    }

    @Override
    public Job start(String jobId, String workerId) {
        return queue.transitions().start(jobId, workerId);
    }

    @Override
    public Job complete(String jobId, String workerId, JobResult result) {
        return queue.transitions().complete(jobId, workerId, Objects.requireNonNull(result, "result"));
    }

    @Override
    public Job fail(String jobId, String workerId, JobFailure failure) {
        return queue.transitions().fail(jobId, workerId, Objects.requireNonNull(failure, "failure"));
    }

    @Override
    public Job release(String jobId, String workerId, String reason) {
        return queue.transitions().release(jobId, workerId, reason);
    }

    @Override
    public HeartbeatResponse heartbeat(String workerId) {
        return queue.workers().heartbeat(workerId);
    }

    @Override
    public Job cancel(String jobId, String reason) {
        return queue.transitions().cancel(jobId, reason == null || reason.isBlank() ? "cancelled by request" : reason);
    }

    @Override
    public Job retry(String jobId) {
        return queue.transitions().retry(jobId);
    }

    @Override
    public CompletionStage<Void> startAsync(String jobId, String workerId) {
        return queue.transitions().startAsync(jobId, workerId);
    }

    @Override
    public CompletionStage<Void> completeAsync(String jobId, String workerId, JobResult result) {
        return queue.transitions().completeAsync(jobId, workerId, Objects.requireNonNull(result, "result"));
    }

    @Override
    public CompletionStage<Void> failAsync(String jobId, String workerId, JobFailure failure) {
        return queue.transitions().failAsync(jobId, workerId, Objects.requireNonNull(failure, "failure"));
    }

    @Override
    public CompletionStage<Void> releaseAsync(String jobId, String workerId, String reason) {
        return queue.transitions().releaseAsync(jobId, workerId, reason);
    }
}
