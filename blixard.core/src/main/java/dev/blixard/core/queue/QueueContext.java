package dev.blixard.core.queue;

import dev.blixard.core.job.JobIds;
import java.time.Clock;

/**
 * What every queue operation shares: the database, the proposer's clock (its readings go into the log, apply
 * never reads a clock), the id generator and the settings.
 *
 * @param database the replicated database
 * @param clock the proposer's clock
 * @param ids new job ids
 * @param settings the queue's settings
 * @param nodeId this node's id, for errors and worker records
 */
public record QueueContext(QueueDatabase database, Clock clock, JobIds ids, QueueSettings settings, String nodeId) {

    /** @return the proposer's clock reading, epoch milliseconds */
    public long now() {
        return clock.millis();
    }
}
