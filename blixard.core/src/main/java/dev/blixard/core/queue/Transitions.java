package dev.blixard.core.queue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobTransition;
import dev.blixard.api.UnavailableException;
import dev.blixard.core.job.JobState;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The life-cycle commands on one job. Each reads the job, decides with {@link JobTransition} (an illegal change
 * or a caller without the lease is a conflict that writes nothing), and writes a compare-and-set; when the
 * job changed in between it reads again (from the leader) and decides again. Concurrent commands share
 * reads and writes ({@link TransitionBatcher}).
 */
public final class Transitions implements AsyncJobReports {
    private final QueueContext context;
    private final TransitionBatcher batcher;

    public Transitions(QueueContext context) {
        this.context = context;
        this.batcher = new TransitionBatcher(context);
    }

    /** Claimed → InProgress, by the lease holder. */
    public Job start(String jobId, String workerId) {
        return change(jobId, started(workerId));
    }

    /** → Completed with the result, by the lease holder. */
    public Job complete(String jobId, String workerId, JobResult result) {
        return change(jobId, completed(workerId, result));
    }

    /** A failure reported by the lease holder: a retry after backoff while attempts remain, else Failed. */
    public Job fail(String jobId, String workerId, JobFailure failure) {
        return change(jobId, failedBy(workerId, failure));
    }

    /** Gives the job back without counting the attempt. */
    public Job release(String jobId, String workerId, String reason) {
        return change(jobId, released(workerId, reason));
    }

    @Override
    public CompletionStage<Void> startAsync(String jobId, String workerId) {
        return batcher.submit(jobId, started(workerId), false).thenApply(job -> null);
    }

    @Override
    public CompletionStage<Void> completeAsync(String jobId, String workerId, JobResult result) {
        return batcher.submit(jobId, completed(workerId, result), false).thenApply(job -> null);
    }

    @Override
    public CompletionStage<Void> failAsync(String jobId, String workerId, JobFailure failure) {
        return batcher.submit(jobId, failedBy(workerId, failure), false).thenApply(job -> null);
    }

    @Override
    public CompletionStage<Void> releaseAsync(String jobId, String workerId, String reason) {
        return batcher.submit(jobId, released(workerId, reason), false).thenApply(job -> null);
    }

    private static Decision started(String workerId) {
        return (current, now) -> {
            holder(current, workerId, JobTransition.START);
            return JobUpdate.transition(current, JobTransition.START, now).set("started_at", now);
        };
    }

    private static Decision completed(String workerId, JobResult result) {
        return (current, now) -> {
            holder(current, workerId, JobTransition.COMPLETE);
            return JobUpdate.transition(current, JobTransition.COMPLETE, now).endLease()
                    .set("result", result.json())
                    .set("finished_at", now)
                    .set("last_outcome", "COMPLETED")
                    .set("note", null);
        };
    }

    private Decision failedBy(String workerId, JobFailure failure) {
        return (current, now) -> {
            holder(current, workerId, JobTransition.FAIL);
            return failed(current, now, failure.retryable(), failure.error(), "FAILED").set("result", failure.details());
        };
    }

    private static Decision released(String workerId, String reason) {
        return (current, now) -> {
            holder(current, workerId, JobTransition.REQUEUE);
            return JobUpdate.transition(current, JobTransition.REQUEUE, now).endLease()
                    .set("worker_id", null)
                    .set("last_outcome", "RELEASED")
                    .set("note", "released by " + workerId + ": " + reason);
        };
    }

    /** Pending, Claimed or InProgress → Cancelled; a holder learns it from its next heartbeat. */
    public Job cancel(String jobId, String reason) {
        return change(jobId, (current, now) -> JobUpdate.transition(current, JobTransition.CANCEL, now).endLease()
                .set("finished_at", now)
                .set("error", "cancelled: " + reason)
                .set("last_outcome", "CANCELLED")
                .set("note", reason));
    }

    /** Failed or Cancelled → Pending with a fresh attempt budget. */
    public Job retry(String jobId) {
        return change(jobId, (current, now) -> JobUpdate.transition(current, JobTransition.RETRY, now)
                .set("failures", 0)
                .set("worker_id", null)
                .set("run_after", 0L)
                .set("finished_at", null)
                .set("result", null)
                .set("last_outcome", null)
                .set("note", "retried"));
    }

    /**
     * The change for an attempt that ended badly (reported failure or lapsed lease): back to Pending after
     * the backoff while the job has attempts left and the failure is retryable, else Failed.
     */
    JobUpdate failed(JobState current, long now, boolean retryable, String error, String outcome) {
        int failures = current.failures() + 1;
        boolean again = retryable && failures < current.maxAttempts();
        JobUpdate update = JobUpdate.transition(current, again ? JobTransition.REQUEUE : JobTransition.FAIL, now)
                .endLease()
                .set("failures", failures)
                .set("error", error)
                .set("last_outcome", outcome)
                .set("note", null);
        if (again) {
            // The random draw happens here, in the proposer; the log carries the resulting time.
            long delay = current.backoff().delayAfter(failures, ThreadLocalRandom.current().nextDouble()).toMillis();
            return update.set("worker_id", null).set("run_after", now + delay);
        }
        return update.set("finished_at", now);
    }

    /** Checks that {@code workerId} holds the job's lease, so a late or foreign report changes nothing. */
    private static void holder(JobState current, String workerId, JobTransition transition) {
        if (!current.status().isLeased()) {
            transition.apply(current.status());
            // Legal for the queue itself (FAIL from Pending), but a worker can only report on what it holds.
            throw new ConflictException("job " + current.id() + " is " + current.status().displayName() + "; worker "
                    + workerId + " holds no lease on it");
        }
        if (!current.worker().map(workerId::equals).orElse(false)) {
            throw new ConflictException("job " + current.id() + " is held by " + current.worker().orElse("nobody")
                    + ", not by " + workerId);
        }
        transition.apply(current.status());
    }

    /** Decides and writes the change (in a round with other commands) until its compare-and-set applies. */
    Job change(String jobId, Decision decision) {
        try {
            return batcher.submit(jobId, decision, true).get(context.settings().writeTimeout().toMillis() * 2,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while a command on job " + jobId + " ran");
        } catch (TimeoutException e) {
            throw new UnavailableException("a command on job " + jobId + " was not acknowledged in time; it may"
                    + " still apply");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException(e.getCause());
        }
    }

    /** Stops the command rounds; commands still waiting fail as unavailable. */
    void close() {
        batcher.close();
    }

    /** One command's decision on the job as read. */
    @FunctionalInterface
    interface Decision {
        JobUpdate decide(JobState current, long now);
    }
}
