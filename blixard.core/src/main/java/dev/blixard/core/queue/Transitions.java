package dev.blixard.core.queue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobTransition;
import dev.blixard.core.job.JobRows;
import dev.blixard.core.job.StoredJob;
import dev.blixard.store.Consistency;
import dev.blixard.store.WriteResult;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The life-cycle commands on one job. Each reads the job, decides with {@link JobTransition} (an illegal change
 * or a caller without the lease is a conflict that writes nothing), and writes a compare-and-set; when the
 * job changed in between it reads again (from the leader) and decides again.
 */
public final class Transitions {
    private static final int ROUNDS = 5;

    private final QueueContext context;

    public Transitions(QueueContext context) {
        this.context = context;
    }

    /** Claimed → InProgress, by the lease holder. */
    public Job start(String jobId, String workerId) {
        return change(jobId, (current, now) -> {
            holder(current, workerId, JobTransition.START);
            return JobUpdate.transition(current, JobTransition.START, now).set("started_at", now);
        });
    }

    /** → Completed with the result, by the lease holder. */
    public Job complete(String jobId, String workerId, JobResult result) {
        return change(jobId, (current, now) -> {
            holder(current, workerId, JobTransition.COMPLETE);
            return JobUpdate.transition(current, JobTransition.COMPLETE, now).endLease()
                    .set("result", result.json())
                    .set("finished_at", now)
                    .set("last_outcome", "COMPLETED")
                    .set("note", null);
        });
    }

    /** A failure reported by the lease holder: a retry after backoff while attempts remain, else Failed. */
    public Job fail(String jobId, String workerId, JobFailure failure) {
        return change(jobId, (current, now) -> {
            holder(current, workerId, JobTransition.FAIL);
            return failed(current, now, failure.retryable(), failure.error(), "FAILED").set("result", failure.details());
        });
    }

    /** Gives the job back without counting the attempt. */
    public Job release(String jobId, String workerId, String reason) {
        return change(jobId, (current, now) -> {
            holder(current, workerId, JobTransition.REQUEUE);
            return JobUpdate.transition(current, JobTransition.REQUEUE, now).endLease()
                    .set("worker_id", null)
                    .set("last_outcome", "RELEASED")
                    .set("note", "released by " + workerId + ": " + reason);
        });
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
    JobUpdate failed(StoredJob current, long now, boolean retryable, String error, String outcome) {
        int failures = current.failures() + 1;
        Job job = current.job();
        boolean again = retryable && failures < job.spec().maxAttempts();
        JobUpdate update = JobUpdate.transition(current, again ? JobTransition.REQUEUE : JobTransition.FAIL, now)
                .endLease()
                .set("failures", failures)
                .set("error", error)
                .set("last_outcome", outcome)
                .set("note", null);
        if (again) {
            // The random draw happens here, in the proposer; the log carries the resulting time.
            long delay = job.spec().backoff().delayAfter(failures, ThreadLocalRandom.current().nextDouble()).toMillis();
            return update.set("worker_id", null).set("run_after", now + delay);
        }
        return update.set("finished_at", now);
    }

    /** Checks that {@code workerId} holds the job's lease, so a late or foreign report changes nothing. */
    private static void holder(StoredJob current, String workerId, JobTransition transition) {
        Job job = current.job();
        if (!job.status().isLeased()) {
            transition.apply(job.status());
            // Legal for the queue itself (FAIL from Pending), but a worker can only report on what it holds.
            throw new ConflictException("job " + job.id() + " is " + job.status().displayName() + "; worker " + workerId
                    + " holds no lease on it");
        }
        if (!job.workerId().map(workerId::equals).orElse(false)) {
            throw new ConflictException("job " + job.id() + " is held by " + job.workerId().orElse("nobody")
                    + ", not by " + workerId);
        }
        transition.apply(job.status());
    }

    /** Reads, decides and writes until the compare-and-set applies. */
    Job change(String jobId, Decision decision) {
        for (int round = 0; round < ROUNDS; round++) {
            Consistency consistency = round == 0 ? Consistency.LOCAL : Consistency.LINEARIZABLE;
            StoredJob current = context.database().read(consistency, connection -> JobRows.find(connection, jobId));
            if (current == null) {
                if (consistency == Consistency.LOCAL) {
                    continue;
                }
                throw new NotFoundException("job", jobId);
            }
            JobUpdate update = decision.decide(current, context.now());
            WriteResult result = context.database().write(java.util.List.of(update.statement()));
            if (result.result(0).rowsAffected() == 1) {
                return reread(jobId, update.newVersion());
            }
        }
        throw new ConflictException("job " + jobId + " kept changing while this command ran; try again");
    }

    /** @return the job as written, with the history the triggers recorded */
    private Job reread(String jobId, long version) {
        StoredJob local = context.database().read(Consistency.LOCAL, connection -> JobRows.find(connection, jobId));
        if (local != null && local.version() >= version) {
            return local.job();
        }
        return context.database().read(Consistency.LINEARIZABLE, connection -> JobRows.find(connection, jobId)).job();
    }

    /** One command's decision on the job as read. */
    @FunctionalInterface
    interface Decision {
        JobUpdate decide(StoredJob current, long now);
    }
}
