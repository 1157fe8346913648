package dev.blixard.store.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets many linearizable reads share one read-index round. A read may use a round only if the round was
 * asked for after the read began (an earlier one may predate a write the read must see). So at most one
 * round is in flight; reads that arrive meanwhile wait together for the next one, which is sent as soon as
 * the current one answers. Under load, one round serves every read that arrived during the previous round,
 * instead of each read paying its own trip to the leader.
 *
 * <p>A round's answer is handled on an executor of its own, never on the thread that completed it: Ratis
 * completes read indexes on its apply thread, and sending the next round from there re-enters Ratis inside
 * its own apply step (seen to wedge a node: no write was acknowledged again). A round that gets no answer
 * within its timeout fails its reads, and the next round goes out all the same.
 */
final class ReadIndexBarrier {
    private final Supplier<CompletableFuture<?>> round;
    private final Executor answers;
    private final Duration timeout;
    /** The round in flight; {@code null} when none is. */
    private CompletableFuture<Void> inFlight;
    /** The reads waiting for the round after {@link #inFlight}; {@code null} when there are none. */
    private CompletableFuture<Void> next;

    /**
     * @param round sends one read-index request; it completes once this member has applied the index the
     *     leader confirmed
     * @param answers where a round's answer is handled
     * @param timeout how long a round may go unanswered before it counts as failed
     */
    ReadIndexBarrier(Supplier<CompletableFuture<?>> round, Executor answers, Duration timeout) {
        this.round = round;
        this.answers = answers;
        this.timeout = timeout;
    }

    /** @return completes once a round asked for after this call has been answered */
    CompletableFuture<Void> await() {
        CompletableFuture<Void> sendNow;
        synchronized (this) {
            if (inFlight != null) {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                return next;
            }
            inFlight = new CompletableFuture<>();
            sendNow = inFlight;
        }
        send(sendNow);
        return sendNow;
    }

    private void send(CompletableFuture<Void> readers) {
        CompletableFuture<?> sent;
        try {
            sent = round.get().copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((answer, failure) -> {
            CompletableFuture<Void> waiting;
            synchronized (this) {
                waiting = next;
                next = null;
                inFlight = waiting;
            }
            // The next round goes out before this one's readers run on, so they cannot delay it.
            if (waiting != null) {
                send(waiting);
            }
            if (failure != null) {
                readers.completeExceptionally(failure);
            } else {
                readers.complete(null);
            }
        }, answers);
    }
}
