package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.apache.ratis.client.retry.ClientRetryEvent;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.Timestamp;
import org.junit.Test;

public class WriteRetriesTest {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private final RetryPolicy policy = WriteRetries.policy(WRITE_TIMEOUT);

    @Test
    public void aWriteIsRetriedAfterAPauseWhileItsWindowLasts() {
        RetryPolicy.Action action = policy.handleAttemptFailure(event(RaftClientRequest.writeRequestType(), 3, 1_000));
        assertTrue(action.shouldRetry());
        assertEquals(WriteRetries.PAUSE.toMillis(), action.getSleepTime().toLong(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    public void noRequestIsRetriedOnceItsWindowIsOverHoweverFewItsAttempts() {
        long past = WriteRetries.retryWindow(WRITE_TIMEOUT).toMillis() + 1_000;
        assertFalse(policy.handleAttemptFailure(event(RaftClientRequest.writeRequestType(), 2, past)).shouldRetry());
        assertFalse(policy.handleAttemptFailure(event(RaftClientRequest.readRequestType(), 2, past)).shouldRetry());
    }

    @Test
    public void readsArePausedBetweenAttemptsToo() {
        RetryPolicy.Action action = policy.handleAttemptFailure(event(RaftClientRequest.readRequestType(), 1, 0));
        assertTrue(action.shouldRetry());
        assertEquals(WriteRetries.PAUSE.toMillis(), action.getSleepTime().toLong(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    public void repliesOutliveEveryRetry() {
        for (Duration timeout : new Duration[] {Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(5)}) {
            Duration expiry = WriteRetries.retryCacheExpiry(timeout);
            assertTrue(timeout + " -> " + expiry, expiry.compareTo(WriteRetries.retryWindow(timeout)) > 0);
            assertTrue(expiry.compareTo(Duration.ofMinutes(1)) >= 0);
        }
    }

    /** A failed attempt of a request first sent {@code ageMillis} ago. */
    private static ClientRetryEvent event(RaftClientRequest.Type type, int attempts, long ageMillis) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(ClientId.randomId())
                .setServerId(RaftPeerId.valueOf("n1"))
                .setGroupId(RaftGroupId.randomId())
                .setCallId(1)
                .setMessage(Message.EMPTY)
                .setType(type)
                .build();
        return new ClientRetryEvent(attempts, request, 1, new IOException("no leader"),
                Timestamp.currentTime().addTimeMs(-ageMillis));
    }
}
