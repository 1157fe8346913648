package dev.blixard.core.queue;

import java.time.Duration;

/**
 * How the queue behaves, after defaults and checks (from Config Admin in a node, from code in tests).
 *
 * @param writeTimeout how long a synchronous command waits for its write
 * @param candidateSlack the most claimable jobs beyond those asked for that a claim shows the allocator (a claim of n jobs sees at most n + max(4, n) more)
 * @param workerTimeout how long a worker may stay silent before it is lost
 * @param reaperPeriod how often the leader looks for lapsed leases and lost workers
 * @param eventRetention how many events the replicated event log keeps
 */
public record QueueSettings(Duration writeTimeout, int candidateSlack, Duration workerTimeout, Duration reaperPeriod,
        long eventRetention) {

    /** The defaults of a node. */
    public static final QueueSettings DEFAULT = new QueueSettings(Duration.ofSeconds(30), 32, Duration.ofSeconds(30),
            Duration.ofMillis(500), 200_000);

    public QueueSettings {
        if (candidateSlack < 0 || eventRetention < 1000 || reaperPeriod.isNegative() || reaperPeriod.isZero()
                || workerTimeout.isNegative() || workerTimeout.isZero() || writeTimeout.isNegative()) {
            throw new IllegalArgumentException("invalid queue settings: " + this);
        }
    }
}
