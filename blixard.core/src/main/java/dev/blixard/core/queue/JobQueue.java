package dev.blixard.core.queue;

import dev.blixard.core.job.JobIds;
import dev.blixard.core.placement.JobPlacement;
import dev.blixard.core.schema.QueueSchema;
import dev.blixard.core.validation.SubmissionValidation;
import dev.blixard.store.ReplicatedDatabase;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The queue of one node: its commands and queries over the replicated database, wired once. The OSGi
 * components publish it as the API's services; tests and the benchmark use it directly.
 */
public final class JobQueue implements AutoCloseable {
    private final QueueContext context;
    private final Submitter submitter;
    private final Transitions transitions;
    private final ClaimWaiters claims;
    private final WorkerCommands workers;
    private final JobReads reads;
    private final Reaper reaper;

    private JobQueue(QueueContext context, SubmissionValidation validation, JobPlacement placement,
            long claimRecheckMillis) {
        this.context = context;
        this.submitter = new Submitter(context, validation);
        this.transitions = new Transitions(context);
        this.claims = new ClaimWaiters(new Claimer(context, placement), transitions, claimRecheckMillis,
                context.nodeId());
        this.workers = new WorkerCommands(context, transitions);
        this.reads = new JobReads(context);
        this.reaper = new Reaper(context, transitions);
    }

    /**
     * Creates what is missing of the schema, then the queue.
     *
     * @param claimRecheckMillis how often long-polling claims look for jobs that became due by time alone
     */
    public static JobQueue open(ReplicatedDatabase database, QueueSettings settings, Clock clock, String nodeId,
            SubmissionValidation validation, JobPlacement placement, long claimRecheckMillis) {
        QueueDatabase queueDatabase = new QueueDatabase(database, settings.writeTimeout());
        queueDatabase.write(QueueSchema.creation().statements());
        // The write returns once the leader applied it; on a follower, what reads this replica at once (the
        // event relay's start position, say) would find no table yet.
        queueDatabase.awaitCurrent();
        QueueContext context = new QueueContext(queueDatabase, clock, new JobIds(clock, new SecureRandom()), settings,
                nodeId);
        JobQueue queue = new JobQueue(context, validation, placement, claimRecheckMillis);
        database.addApplyListener(queue.claims);
        return queue;
    }

    public Submitter submitter() {
        return submitter;
    }

    public Transitions transitions() {
        return transitions;
    }

    public ClaimWaiters claims() {
        return claims;
    }

    public WorkerCommands workers() {
        return workers;
    }

    public JobReads reads() {
        return reads;
    }

    public Reaper reaper() {
        return reaper;
    }

    public QueueContext context() {
        return context;
    }

    /** @return whether this node leads the group now, so its housekeeping is the one that counts */
    public boolean isLeader() {
        dev.blixard.store.StoreStatus status = context.database().store().status();
        return status.nodeId().equals(status.leaderId());
    }

    /** Ends waiting claims and stops the queue's thread; the database stays open. */
    @Override
    public void close() {
        context.database().store().removeApplyListener(claims);
        claims.close();
        transitions.close();
    }
}
