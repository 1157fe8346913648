package dev.blixard.core.agent;

import dev.blixard.api.UnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the agent's writes about jobs (start, complete, fail, release) from a bounded pool. Many writes in
 * flight at once let the store commit them together; a store without a leader is retried with backoff for
 * a bounded time, after which the write fails with the last {@link UnavailableException} so the caller
 * logs what was lost. Nothing here is retried on any other error: those do not heal by waiting.
 */
final class Reporter {
    private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    private final AgentThreads reportThreads = new AgentThreads("report");
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService scheduler;
    private final Duration retryFor;
    private final Map<CompletableFuture<?>, String> inFlight = new ConcurrentHashMap<>();

    /**
     * @param threads writes in flight at once
     * @param scheduler runs the retry delays
     * @param retryFor how long a write is retried while the store is unavailable
     */
    Reporter(int threads, ScheduledExecutorService scheduler, Duration retryFor) {
        // The queue is unbounded but its length is not: every queued task belongs to a job holding a slot.
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                reportThreads);
        pool.allowCoreThreadTimeOut(true);
        this.scheduler = scheduler;
        this.retryFor = retryFor;
    }

    /** Runs {@code task} on the pool; when the pool is gone, on the caller so nothing is skipped. */
    void execute(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Sends one write.
     *
     * @param what what it is, with the job and worker ids, for logs: {@code complete job X by worker Y}
     * @return a stage completed with the write's answer, or exceptionally with its error
     */
    <T> CompletionStage<T> send(String what, Supplier<? extends CompletionStage<T>> write) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        inFlight.put(answer, what);
        answer.whenComplete((value, error) -> inFlight.remove(answer));
        attempt(what, write, answer, System.nanoTime() + retryFor.toNanos(), FIRST_RETRY);
        return answer;
    }

    private <T> void attempt(String what, Supplier<? extends CompletionStage<T>> write, CompletableFuture<T> answer,
            long deadline, Duration delay) {
        execute(() -> {
            if (answer.isDone()) {
                return;
            }
            CompletionStage<T> sent;
            try {
                sent = write.get();
            } catch (RuntimeException e) {
                answered(what, write, answer, deadline, delay, null, e);
                return;
            }
            // The answer is handled on the report pool, never on the queue's own threads.
            sent.whenComplete((value, error) -> execute(() -> answered(what, write, answer, deadline, delay, value,
                    error)));
        });
    }

    private <T> void answered(String what, Supplier<? extends CompletionStage<T>> write, CompletableFuture<T> answer,
            long deadline, Duration delay, T value, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            answer.complete(value);
        } else if (cause instanceof UnavailableException && System.nanoTime() + delay.toNanos() <= deadline) {
            LOG.debug("Store unavailable for {}; retrying in {} ms: {}", what, delay.toMillis(), cause.getMessage());
            Duration next = delay.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay.multipliedBy(2);
            try {
                scheduler.schedule(() -> attempt(what, write, answer, deadline, next), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                answer.completeExceptionally(cause);
            }
        } else {
            answer.completeExceptionally(cause);
        }
    }

    /**
     * Stops the pool after the writes queued so far, waiting until {@code deadlineNanos}; writes still
     * unanswered then are failed and logged one by one, because each is a job whose lease will lapse.
     */
    void shutdown(long deadlineNanos) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (reportThreads.joinAll(Math.max(deadlineNanos, System.nanoTime() + TimeUnit.SECONDS.toNanos(1))) > 0) {
            LOG.error("Report threads still alive after the worker agent stopped");
        }
        inFlight.forEach((answer, what) -> {
            if (answer.completeExceptionally(new UnavailableException("worker agent stopped before " + what))) {
                LOG.warn("Worker agent stopped before it could {}; the job goes back to the queue when its lease lapses",
                        what);
            }
        });
    }

    /** @return writes sent and not yet answered */
    int inFlight() {
        return inFlight.size();
    }
}
