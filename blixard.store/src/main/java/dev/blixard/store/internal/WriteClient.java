package dev.blixard.store.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft client a member's writes go through, replaced by a new one when Ratis has given up on it.
 *
 * <p>Why: an ordered request that runs out of retries (no leader reachable for longer than the retry policy
 * lasts: a member started before its peers, or cut off by a partition) makes Ratis fail every request of the
 * client's sliding window and close that window for good. Every later write of the same client then fails
 * at once with {@link AlreadyClosedException}, also after a leader is reachable again, so the member could
 * never write again without a restart. The failed requests stay failed (their callers were told the write
 * may or may not apply); the writes after them go through a fresh client.
 *
 * <p>A client is also {@link #retire retired} when its member finds a leader again after a while without one:
 * while no leader answered, its gRPC channels to the unreachable members failed their connection attempts and
 * wait out gRPC's reconnect backoff (growing to two minutes), so its next writes would fail fast against the
 * new leader for up to that long. Its requests still in flight finish on it; new ones take a fresh client.
 */
final class WriteClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteClient.class);

    private final String nodeId;
    private final Supplier<RaftClient> factory;
    private RaftClient current;
    /** Retired clients not closed yet: closed after their grace, or with this one. */
    private final List<RaftClient> retired = new ArrayList<>();
    private boolean closed;
    private int renewals;

    /** @param factory builds a client (with the bundle's context class loader); called now and at each renewal */
    WriteClient(String nodeId, Supplier<RaftClient> factory) {
        this.nodeId = nodeId;
        this.factory = factory;
        this.current = factory.get();
    }

    /** @return the client in use now, or {@code null} once closed */
    synchronized RaftClient current() {
        return current;
    }

    /** @return how many times a client was replaced (given up on or retired) */
    synchronized int renewals() {
        return renewals;
    }

    /** Sends an ordered write through the current client; renews it if Ratis gives up on it. */
    CompletableFuture<RaftClientReply> send(Message message) {
        RaftClient client = current();
        if (client == null) {
            return CompletableFuture.failedFuture(new AlreadyClosedException("the write client of " + nodeId + " is closed"));
        }
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = client.async().send(message);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.whenComplete((ignored, failure) -> {
            if (failure != null && gaveUp(failure)) {
                renew(client, failure);
            }
        });
    }

    /**
     * Sends new writes through a fresh client from now on and closes the current one after {@code grace}, time
     * for the requests it carries to finish (they time out by then).
     */
    void retire(String why, ScheduledExecutorService closer, Duration grace) {
        RaftClient old;
        synchronized (this) {
            if (closed) {
                return;
            }
            old = current;
            current = factory.get();
            renewals++;
            retired.add(old);
        }
        LOG.info("Store member {}: a fresh Raft client for its writes ({})", nodeId, why);
        try {
            closer.schedule(() -> closeRetired(old), grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            closeRetired(old);
        }
    }

    private void closeRetired(RaftClient old) {
        synchronized (this) {
            if (!retired.remove(old)) {
                return;
            }
        }
        closeQuietly(old);
    }

    /** Replaces {@code broken} unless another failure of it already did, or the store is closing. */
    private void renew(RaftClient broken, Throwable why) {
        RaftClient replacement;
        synchronized (this) {
            if (closed || current != broken) {
                return;
            }
            replacement = factory.get();
            current = replacement;
            renewals++;
        }
        LOG.warn("Store member {}: its Raft client gave up ({}); writes continue through a new client", nodeId,
                unwrap(why).toString());
        closeQuietly(broken);
    }

    private void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("Closing a replaced Raft client of {} failed: {}", nodeId, e.toString());
        }
    }

    /** @return whether the failure means the client's ordered window is closed for good */
    static boolean gaveUp(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RaftRetryFailureException || cause instanceof AlreadyClosedException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() throws Exception {
        RaftClient last;
        List<RaftClient> stillRetiring;
        synchronized (this) {
            closed = true;
            last = current;
            current = null;
            stillRetiring = new ArrayList<>(retired);
            retired.clear();
        }
        stillRetiring.forEach(this::closeQuietly);
        if (last != null) {
            last.close();
        }
    }
}
