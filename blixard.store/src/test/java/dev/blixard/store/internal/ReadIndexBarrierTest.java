package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.Test;

public class ReadIndexBarrierTest {
    private final List<CompletableFuture<Object>> rounds = new ArrayList<>();
    private final ReadIndexBarrier barrier = new ReadIndexBarrier(this::newRound, Runnable::run, Duration.ofMinutes(1));

    private CompletableFuture<Object> newRound() {
        CompletableFuture<Object> round = new CompletableFuture<>();
        rounds.add(round);
        return round;
    }

    @Test
    public void aReadAloneSendsItsOwnRoundAndEndsWithIt() {
        CompletableFuture<Void> read = barrier.await();
        assertEquals(1, rounds.size());
        assertFalse(read.isDone());
        rounds.get(0).complete("answer");
        assertTrue(read.isDone());
    }

    @Test
    public void readsArrivingDuringARoundShareTheNextOneNotTheCurrent() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        CompletableFuture<Void> third = barrier.await();
        assertEquals("one round in flight at a time", 1, rounds.size());
        assertSame("later reads wait together", second, third);

        rounds.get(0).complete("answer");
        assertTrue(first.isDone());
        assertFalse("the first round may predate the later reads' writes", second.isDone());
        assertEquals("the next round goes out as the current one answers", 2, rounds.size());

        rounds.get(1).complete("answer");
        assertTrue(second.isDone());
        assertEquals(2, rounds.size());
    }

    @Test
    public void aFailedRoundFailsOnlyItsReadsAndTheNextRoundStillGoes() {
        CompletableFuture<Void> first = barrier.await();
        CompletableFuture<Void> second = barrier.await();
        rounds.get(0).completeExceptionally(new IllegalStateException("no leader"));
        assertTrue(first.isCompletedExceptionally());
        assertFalse(second.isDone());
        rounds.get(1).complete("answer");
        assertTrue(second.isDone() && !second.isCompletedExceptionally());
    }

    @Test
    public void aReadAfterEveryRoundEndedStartsAFreshRound() throws Exception {
        barrier.await();
        rounds.get(0).complete("answer");
        CompletableFuture<Void> later = barrier.await();
        assertEquals(2, rounds.size());
        rounds.get(1).complete("answer");
        later.get();
    }

    @Test
    public void aRoundThatCannotBeSentFailsItsReads() {
        ReadIndexBarrier broken = new ReadIndexBarrier(() -> {
            throw new IllegalStateException("store stopped");
        }, Runnable::run, Duration.ofMinutes(1));
        CompletableFuture<Void> read = broken.await();
        try {
            read.get();
        } catch (ExecutionException e) {
            assertEquals("store stopped", e.getCause().getMessage());
            return;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the read should have failed");
    }

    @Test
    public void aRoundNeverAnsweredFailsItsReadsAtItsTimeoutAndTheNextRoundStillGoes() throws Exception {
        ReadIndexBarrier impatient = new ReadIndexBarrier(this::newRound, Runnable::run, Duration.ofMillis(100));
        CompletableFuture<Void> first = impatient.await();
        CompletableFuture<Void> second = impatient.await();
        try {
            first.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the read of a lost round should have failed");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof TimeoutException);
        }
        assertEquals("the next round went out after the lost one", 2, rounds.size());
        rounds.get(1).complete("answer");
        second.get(10, TimeUnit.SECONDS);
    }

    @Test
    public void answersAreHandledOnTheGivenExecutorNotOnTheThreadThatAnswered() throws Exception {
        ExecutorService answers = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "answers"));
        List<String> sentFrom = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            ReadIndexBarrier handedOff = new ReadIndexBarrier(() -> {
                sentFrom.add(Thread.currentThread().getName());
                return newRound();
            }, answers, Duration.ofMinutes(1));
            CompletableFuture<Void> first = handedOff.await();
            CompletableFuture<Void> second = handedOff.await();
            rounds.get(0).complete("answer");
            first.get(10, TimeUnit.SECONDS);
            TestStores.await("the second round", 10_000, () -> rounds.size() == 2);
            rounds.get(1).complete("answer");
            second.get(10, TimeUnit.SECONDS);
            // The first round is sent by the first reader; the second while handling the first answer, which
            // happens on the executor even though this thread completed the round.
            assertEquals(List.of(Thread.currentThread().getName(), "answers"), sentFrom);
        } finally {
            answers.shutdownNow();
        }
    }
}
