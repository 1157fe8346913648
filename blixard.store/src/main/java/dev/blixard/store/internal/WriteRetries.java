package dev.blixard.store.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.TimeDuration;

/**
 * How long a member's write client retries a request, and how long every member's Raft server remembers a
 * reply to answer such a retry: the second must outlast the first.
 *
 * <p>Ratis answers a retried call from its retry cache instead of applying it again. A retry that arrives
 * after the call's entry expired would be applied twice, so the client stops retrying a request a quarter
 * past the write timeout after it was first sent (the write itself has failed by its own timeout by then),
 * not after a number of attempts: an attempt that waits for an unreachable member lasts seconds, and a count
 * of them could run for many minutes. The cache keeps replies for twice the write timeout, at least Ratis's
 * default minute.
 */
final class WriteRetries {
    /** The pause between two attempts: time for a leader to be elected or found. */
    static final Duration PAUSE = Duration.ofMillis(100);
    private static final Duration LEAST_EXPIRY = Duration.ofMinutes(1);

    private WriteRetries() {
    }

    /** @return the retry policy of a client whose writes time out after {@code writeTimeout} */
    static RetryPolicy policy(Duration writeTimeout) {
        RetryPolicy attempts = RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                (int) Math.max(1, writeTimeout.toMillis() / PAUSE.toMillis()),
                TimeDuration.valueOf(PAUSE.toMillis(), TimeUnit.MILLISECONDS));
        TimeDuration window = TimeDuration.valueOf(retryWindow(writeTimeout).toMillis(), TimeUnit.MILLISECONDS);
        RequestTypeDependentRetryPolicy.Builder policy = RequestTypeDependentRetryPolicy.newBuilder();
        // Every type, so that none falls back to the builder's default of retrying forever without a pause.
        for (TypeCase type : TypeCase.values()) {
            policy.setRetryPolicy(type, attempts).setTimeout(type, window);
        }
        return policy.build();
    }

    /** @return how long after its first attempt a request may still be retried */
    static Duration retryWindow(Duration writeTimeout) {
        return writeTimeout.plus(writeTimeout.dividedBy(4));
    }

    /** @return how long servers keep replies, so that no retry of a client with this write timeout outlives one */
    static Duration retryCacheExpiry(Duration writeTimeout) {
        Duration twice = writeTimeout.multipliedBy(2);
        return twice.compareTo(LEAST_EXPIRY) > 0 ? twice : LEAST_EXPIRY;
    }
}
