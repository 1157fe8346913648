package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.store.Statement;
import dev.blixard.store.StatementFailedException;
import dev.blixard.store.StatementResult;
import dev.blixard.store.StoreException;
import dev.blixard.store.StoreUnavailableException;
import dev.blixard.store.WriteBatch;
import dev.blixard.store.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.Test;

/** Group commit against a fake sender whose entries the test completes by hand: no Ratis, no threads. */
public class GroupCommitterTest {
    private static final int NO_BYTE_LIMIT = Integer.MAX_VALUE;

    private final FakeSender sender = new FakeSender();

    @Test
    public void anIdleCommitterSendsAWriteAtOnceAlone() {
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT);

        committer.submit(batch("a"));

        assertEquals(List.of(List.of("a")), sender.keysOfEachEntry());
    }

    @Test
    public void writesArrivingWhileAnEntryIsInFlightLeaveTogetherWhenItReturns() {
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT);
        committer.submit(batch("a"));
        committer.submit(batch("b"));
        committer.submit(batch("c"));
        assertEquals("b and c wait for a", 1, sender.entries.size());

        sender.succeed(0, 10);

        assertEquals(List.of(List.of("a"), List.of("b", "c")), sender.keysOfEachEntry());
    }

    @Test
    public void upToMaxInFlightEntriesAreSentWithoutWaiting() {
        GroupCommitter committer = committer(2, 100, NO_BYTE_LIMIT);
        committer.submit(batch("a"));
        committer.submit(batch("b"));
        committer.submit(batch("c"));
        committer.submit(batch("d"));

        assertEquals(List.of(List.of("a"), List.of("b")), sender.keysOfEachEntry());
        sender.succeed(1, 11);
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c", "d")), sender.keysOfEachEntry());
    }

    @Test
    public void anEntryCarriesAtMostMaxBatches() {
        GroupCommitter committer = committer(1, 2, NO_BYTE_LIMIT);
        for (String key : new String[] {"a", "b", "c", "d", "e", "f"}) {
            committer.submit(batch(key));
        }

        sender.succeed(0, 1);
        sender.succeed(1, 2);
        sender.succeed(2, 3);

        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f")), sender.keysOfEachEntry());
    }

    @Test
    public void anEntryCarriesAtMostMaxBytesButAlwaysAtLeastOneBatch() {
        int size = batch("a").length;
        GroupCommitter committer = committer(1, 100, 2 * size + 1);
        committer.submit(batch("a"));
        committer.submit(batch("b"));
        committer.submit(batch("c"));
        committer.submit(batch("d"));
        byte[] oversized = BatchCodec.encodeBatch(WriteBatch.of(Statement.of("INSERT INTO t VALUES (?)", "x".repeat(10 * size))));
        committer.submit(oversized);

        sender.succeed(0, 1);
        sender.succeed(1, 2);
        sender.succeed(2, 3);

        assertEquals(List.of(1, 2, 1, 1), sender.batchesOfEachEntry());
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d")), sender.keysOfEachEntry().subList(0, 3));
    }

    @Test
    public void outcomesReachTheirOwnCallers() throws Exception {
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT);
        committer.submit(batch("first"));
        CompletableFuture<WriteResult> a = committer.submit(batch("a"));
        CompletableFuture<WriteResult> b = committer.submit(batch("b"));
        CompletableFuture<WriteResult> c = committer.submit(batch("c"));
        sender.succeed(0, 1);

        sender.complete(1, new GroupCommitter.EntryReply(7, List.of(applied(100), failed(2067, "UNIQUE constraint failed"),
                BatchOutcome.SKIPPED)));

        assertEquals(7, a.get().index());
        assertEquals(100, a.get().result(0).rowsAffected());
        StatementFailedException failure = failureOf(b, StatementFailedException.class);
        assertEquals(2067, failure.sqliteCode());
        assertTrue(failure.getMessage(), failure.getMessage().contains("UNIQUE constraint failed"));
        StoreException skipped = failureOf(c, StoreException.class);
        assertTrue(skipped.getMessage(), skipped.getMessage().contains("log entry 7"));
    }

    @Test
    public void aFailedEntryFailsExactlyItsOwnWrites() throws Exception {
        GroupCommitter committer = committer(2, 100, NO_BYTE_LIMIT);
        CompletableFuture<WriteResult> a = committer.submit(batch("a"));
        CompletableFuture<WriteResult> b = committer.submit(batch("b"));
        CompletableFuture<WriteResult> c = committer.submit(batch("c"));
        CompletableFuture<WriteResult> d = committer.submit(batch("d"));
        IOException cause = new IOException("leader gone");

        sender.fail(1, cause);

        StoreUnavailableException mapped = failureOf(b, StoreUnavailableException.class);
        assertSame(cause, mapped.getCause());
        assertFalse("the other entry's write is untouched", a.isDone());
        assertEquals("c and d left together when b's entry came back", List.of("c", "d"), sender.keysOf(2));
        assertFalse(c.isDone() || d.isDone());
        sender.succeed(0, 5);
        sender.succeed(2, 6);
        assertEquals(5, a.get().index());
        assertEquals(6, c.get().index());
        assertEquals(6, d.get().index());
    }

    @Test
    public void aSenderThatThrowsFailsTheEntryAndTheCommitterGoesOn() throws Exception {
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT);
        sender.throwOnNextSend = new IllegalStateException("client closed");

        CompletableFuture<WriteResult> refused = committer.submit(batch("a"));
        CompletableFuture<WriteResult> next = committer.submit(batch("b"));

        assertTrue(failureOf(refused, StoreUnavailableException.class).getMessage().contains("client closed"));
        sender.succeed(0, 3);
        assertEquals(3, next.get().index());
    }

    @Test
    public void aMismatchInOutcomeCountFailsTheWholeEntryClearly() throws Exception {
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT);
        committer.submit(batch("first"));
        CompletableFuture<WriteResult> a = committer.submit(batch("a"));
        CompletableFuture<WriteResult> b = committer.submit(batch("b"));
        sender.succeed(0, 1);

        sender.complete(1, new GroupCommitter.EntryReply(9, List.of(applied(1))));

        for (CompletableFuture<WriteResult> write : List.of(a, b)) {
            StoreException mismatch = failureOf(write, StoreException.class);
            assertEquals("log entry 9 returned 1 outcomes for 2 batches", mismatch.getMessage());
        }
    }

    @Test
    public void anEntrysReplyIsHandledOnTheRepliesExecutorNotOnTheThreadThatAppliedIt() throws Exception {
        List<Runnable> handedOff = new ArrayList<>();
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT, handedOff::add);
        CompletableFuture<WriteResult> a = committer.submit(batch("a"));
        committer.submit(batch("b"));

        sender.succeed(0, 10);

        assertFalse("a answered where its entry completed", a.isDone());
        assertEquals("b sent where a's entry completed", 1, sender.entries.size());
        handedOff.remove(0).run();
        assertEquals(10, a.get().index());
        assertEquals(List.of(List.of("a"), List.of("b")), sender.keysOfEachEntry());
    }

    @Test
    public void aClosedRepliesExecutorLeavesNoWriterWaiting() throws Exception {
        GroupCommitter committer = committer(1, 100, NO_BYTE_LIMIT, task -> {
            throw new RejectedExecutionException("shut down");
        });
        CompletableFuture<WriteResult> a = committer.submit(batch("a"));

        sender.succeed(0, 4);

        assertEquals(4, a.get().index());
    }

    private GroupCommitter committer(int maxInFlight, int maxBatches, int maxBytes) {
        return committer(maxInFlight, maxBatches, maxBytes, Runnable::run);
    }

    private GroupCommitter committer(int maxInFlight, int maxBatches, int maxBytes, Executor replies) {
        return new GroupCommitter(sender, maxInFlight, maxBatches, maxBytes,
                failure -> new StoreUnavailableException("unavailable: " + failure.getMessage(), failure), replies);
    }

    private static byte[] batch(String key) {
        return BatchCodec.encodeBatch(WriteBatch.of(Statement.of("INSERT INTO t VALUES (?)", key)));
    }

    private static BatchOutcome applied(long rows) {
        return BatchOutcome.applied(List.of(new StatementResult(rows, List.of(), List.of(), List.of())));
    }

    private static BatchOutcome failed(int code, String message) {
        return BatchOutcome.failed(new BatchOutcome.Failure(0, code, message));
    }

    private static <T extends Throwable> T failureOf(CompletableFuture<WriteResult> write, Class<T> type) {
        try {
            write.get();
            throw new AssertionError("expected " + type.getSimpleName() + ", but the write succeeded");
        } catch (ExecutionException e) {
            if (!type.isInstance(e.getCause())) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + e.getCause(), e.getCause());
            }
            return type.cast(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Records every entry sent; the test completes each entry's reply when it chooses. */
    private static final class FakeSender implements GroupCommitter.Sender {
        final List<byte[]> entries = new ArrayList<>();
        final List<CompletableFuture<GroupCommitter.EntryReply>> replies = new ArrayList<>();
        RuntimeException throwOnNextSend;

        @Override
        public CompletableFuture<GroupCommitter.EntryReply> send(byte[] entry) {
            if (throwOnNextSend != null) {
                RuntimeException thrown = throwOnNextSend;
                throwOnNextSend = null;
                throw thrown;
            }
            entries.add(entry);
            CompletableFuture<GroupCommitter.EntryReply> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }

        /** Completes entry {@code n} with every batch applied, as a log entry at {@code index}. */
        void succeed(int n, long index) {
            List<BatchOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < batchesOf(n); i++) {
                outcomes.add(applied(1));
            }
            complete(n, new GroupCommitter.EntryReply(index, outcomes));
        }

        void complete(int n, GroupCommitter.EntryReply reply) {
            assertTrue("entry " + n + " was already answered", replies.get(n).complete(reply));
        }

        void fail(int n, Throwable failure) {
            assertTrue("entry " + n + " was already answered", replies.get(n).completeExceptionally(failure));
        }

        int batchesOf(int n) {
            return decode(n).size();
        }

        List<String> keysOf(int n) {
            return decode(n).stream().map(batch -> (String) batch.statements().get(0).parameters().get(0)).toList();
        }

        List<List<String>> keysOfEachEntry() {
            List<List<String>> keys = new ArrayList<>();
            for (int n = 0; n < entries.size(); n++) {
                keys.add(keysOf(n));
            }
            return keys;
        }

        List<Integer> batchesOfEachEntry() {
            List<Integer> counts = new ArrayList<>();
            for (int n = 0; n < entries.size(); n++) {
                counts.add(batchesOf(n));
            }
            return counts;
        }

        private List<WriteBatch> decode(int n) {
            try {
                return BatchCodec.decodeBatches((entries.get(n)));
            } catch (IOException e) {
                throw new UncheckedIOException("entry " + n + " is not a valid group", e);
            }
        }
    }
}
