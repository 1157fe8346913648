package dev.blixard.api.service;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobSubmission;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Everything that changes the job queue. Each call is one replicated write: when it returns the change
 * is durable on a majority of nodes; when it throws nothing changed.
 *
 * <p>Life-cycle changes follow {@link dev.blixard.api.job.JobTransition}: an illegal one, or a worker
 * that no longer holds the job's lease, is a {@link dev.blixard.api.ConflictException}. Unknown jobs are a
 * {@link dev.blixard.api.NotFoundException}; invalid input an {@link dev.blixard.api.InvalidRequestException};
 * a store without a leader an {@link dev.blixard.api.UnavailableException}.
 */
@ProviderType
public interface JobCommandService {

    /**
     * Accepts a job. Validators run first; dependencies must name existing jobs and must not form a
     * cycle. A second submit with the same tenant and idempotency key returns the first job.
     */
    SubmitResult submit(JobSubmission submission);

    /**
     * {@link #submit} without holding the caller's thread while the job is replicated: the stage completes with
     * what {@code submit} would return, or exceptionally with what it would throw. A submission that names
     * jobs already in the queue (an idempotency key, a dependency) may still be checked and written on the
     * caller's thread, because losing a race with another submit means reading again and waiting for that.
     *
     * @since 1.3
     */
    CompletionStage<SubmitResult> submitAsync(JobSubmission submission);

    /** Accepts several jobs, all or none; within the batch, later jobs may depend on earlier ones' ids. */
    List<SubmitResult> submitBatch(List<JobSubmission> submissions);

    /**
     * {@link #submitBatch} without holding the caller's thread while the jobs are replicated, as
     * {@link #submitAsync} does for one job.
     *
     * @since 1.3
     */
    CompletionStage<List<SubmitResult>> submitBatchAsync(List<JobSubmission> submissions);

    /**
     * Claims jobs for a worker (see {@link ClaimRequest} for which and in what order). Completes with an
     * empty list when none became claimable within the request's wait; completes exceptionally with a
     * {@link dev.blixard.api.BlixardException} when the claim is refused (for example a draining worker).
     */
    CompletionStage<List<Job>> claim(ClaimRequest request);

    /** The worker holding the lease starts running the job: Claimed → InProgress. */
    Job start(String jobId, String workerId);

    /** The worker holding the lease reports success. */
    Job complete(String jobId, String workerId, JobResult result);

    /**
     * The worker holding the lease reports a failure. A retryable failure with attempts left puts the job
     * back to Pending after its backoff; otherwise the job is Failed (dead letter).
     */
    Job fail(String jobId, String workerId, JobFailure failure);

    /**
     * Gives a job back without counting the attempt, because the worker cannot run it through no fault of
     * the job (its backend went away, the worker is shutting down).
     */
    Job release(String jobId, String workerId, String reason);

    /**
     * A worker's heartbeat: marks it alive, extends the lease of every job it holds, and says which of them
     * it must stop.
     */
    HeartbeatResponse heartbeat(String workerId);

    /** Cancels a job: Pending at once; Claimed or InProgress too, and its worker is told to stop. */
    Job cancel(String jobId, String reason);

    /** Puts a Failed or Cancelled job back to Pending with a fresh attempt budget. */
    Job retry(String jobId);
}
