package dev.blixard.store.internal;

import dev.blixard.store.StatementFailedException;
import dev.blixard.store.StoreException;
import dev.blixard.store.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Coalesces concurrent writes into one log entry, so that many callers share one replication round and
 * one fsync: the main lever on write throughput (DESIGN.md §3).
 *
 * <p>No timer: a write is sent at once when fewer than {@code maxInFlight} entries are on their way;
 * otherwise it waits in the queue and leaves with everything queued behind it when an entry comes back. An
 * idle store therefore adds no latency, and a busy one groups exactly as much as its round-trip time lets
 * pile up.
 *
 * <p>An entry comes back on the thread that applied it, the one thread every write of the node passes
 * through. Its reply is therefore handled on {@code replies}: sending the next group waits for Ratis to take
 * it (Ratis blocks the caller until its client executor has appended it), and the writers' callbacks are
 * theirs to run. Both on the apply thread held up the entries behind them.
 */
final class GroupCommitter {
    /** Sends one entry's content and yields the encoded outcomes with the entry's log index. */
    interface Sender {
        CompletableFuture<EntryReply> send(byte[] entry);
    }

    /** An entry's log index and the encoded outcomes of its batches. */
    record EntryReply(long index, List<BatchOutcome> outcomes) {
    }

    private final Sender sender;
    private final int maxInFlight;
    private final int maxBatchesPerEntry;
    private final int maxBytesPerEntry;
    private final Function<Throwable, RuntimeException> failureMapper;
    private final Executor replies;
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param replies where each entry's reply is handled (its writers answered, the next group sent); when it
     *        refuses (shut down), the reply is handled where it arrives, so that no writer waits forever
     */
    GroupCommitter(Sender sender, int maxInFlight, int maxBatchesPerEntry, int maxBytesPerEntry,
            Function<Throwable, RuntimeException> failureMapper, Executor replies) {
        this.sender = sender;
        this.replies = replies;
        this.maxInFlight = maxInFlight;
        this.maxBatchesPerEntry = maxBatchesPerEntry;
        this.maxBytesPerEntry = maxBytesPerEntry;
        this.failureMapper = failureMapper;
    }

    CompletableFuture<WriteResult> submit(byte[] encodedBatch) {
        PendingWrite write = new PendingWrite(encodedBatch, new CompletableFuture<>());
        List<PendingWrite> group = null;
        synchronized (this) {
            queue.add(write);
            if (inFlight < maxInFlight) {
                group = takeGroup();
            }
        }
        if (group != null) {
            send(group);
        }
        return write.result();
    }

    /** Takes the next group off the queue and counts it in flight; caller holds the lock. */
    private List<PendingWrite> takeGroup() {
        List<PendingWrite> group = new ArrayList<>();
        int bytes = 0;
        while (!queue.isEmpty() && group.size() < maxBatchesPerEntry) {
            PendingWrite next = queue.peek();
            if (!group.isEmpty() && bytes + next.encoded().length > maxBytesPerEntry) {
                break;
            }
            group.add(queue.poll());
            bytes += next.encoded().length;
        }
        inFlight++;
        return group;
    }

    private void send(List<PendingWrite> group) {
        List<byte[]> encoded = new ArrayList<>(group.size());
        group.forEach(write -> encoded.add(write.encoded()));
        CompletableFuture<EntryReply> reply;
        try {
            reply = sender.send(BatchCodec.encodeGroup(encoded));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((entry, failure) -> handOff(() -> replied(group, entry, failure)));
    }

    private void handOff(Runnable task) {
        try {
            replies.execute(task);
        } catch (RejectedExecutionException closing) {
            task.run();
        }
    }

    private void replied(List<PendingWrite> group, EntryReply entry, Throwable failure) {
        List<PendingWrite> next = null;
        synchronized (this) {
            inFlight--;
            if (!queue.isEmpty()) {
                next = takeGroup();
            }
        }
        deliver(group, entry, failure);
        if (next != null) {
            send(next);
        }
    }

    private void deliver(List<PendingWrite> group, EntryReply entry, Throwable failure) {
        if (failure != null) {
            RuntimeException mapped = failureMapper.apply(failure);
            group.forEach(write -> write.result().completeExceptionally(mapped));
            return;
        }
        if (entry.outcomes().size() != group.size()) {
            StoreException mismatch = new StoreException("log entry " + entry.index() + " returned "
                    + entry.outcomes().size() + " outcomes for " + group.size() + " batches");
            group.forEach(write -> write.result().completeExceptionally(mismatch));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            BatchOutcome outcome = entry.outcomes().get(i);
            CompletableFuture<WriteResult> result = group.get(i).result();
            if (outcome.skipped()) {
                result.completeExceptionally(new StoreException("the batch was applied (log entry " + entry.index()
                        + ") before the leader restarted; its results are no longer known"));
            } else if (outcome.failure() != null) {
                BatchOutcome.Failure why = outcome.failure();
                result.completeExceptionally(new StatementFailedException("statement " + why.statementIndex()
                        + " failed, batch rolled back: " + why.message(), why.statementIndex(), why.sqliteCode()));
            } else {
                result.complete(new WriteResult(entry.index(), outcome.results()));
            }
        }
    }
}
