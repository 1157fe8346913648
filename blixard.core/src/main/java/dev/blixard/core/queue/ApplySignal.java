package dev.blixard.core.queue;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs a task on its own thread after the store applies entries, at most once per {@code minInterval}: a
 * signal while the task is pending is folded into that run, and a signal sooner than the interval after the
 * last run starts the next one when the interval is up. Below one entry per interval every entry gets a run
 * at once. Above it, runs stay at one per interval, each covering all the entries applied since the last:
 * at 1,800 single submits a second, a run per entry (waking a thread, opening a read) cost the event relay and
 * the claim waiters a quarter of a core between them.
 *
 * <p>The task must cover everything applied before it starts (read from where it stopped), because signals
 * that arrive while it is pending are not counted.
 */
public final class ApplySignal {
    private final ScheduledExecutorService executor;
    private final Runnable task;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean pending = new AtomicBoolean();
    /**
     * When the last run started ({@link System#nanoTime}), written by the executor's thread only; at first one
     * interval before construction, so that the first signal runs at once.
     */
    private volatile long lastStart;

    /**
     * @param executor one thread, which also runs {@code task}
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     */
    public ApplySignal(ScheduledExecutorService executor, Runnable task, long minIntervalNanos, LongSupplier nanoTime) {
        this.executor = executor;
        this.task = task;
        this.minIntervalNanos = minIntervalNanos;
        this.nanoTime = nanoTime;
        this.lastStart = nanoTime.getAsLong() - minIntervalNanos;
    }

    /** Asks for a run; returns at once (it is called on the thread that applies the log). */
    public void signal() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastStart + minIntervalNanos - nanoTime.getAsLong();
        try {
            if (wait <= 0) {
                executor.execute(this::run);
            } else {
                executor.schedule(this::run, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException shutDown) {
            // The owner is stopping: there is nobody left to run for.
            pending.set(false);
        }
    }

    private void run() {
        // Cleared first: a signal from here on asks for a run after this one, which may miss its entry.
        pending.set(false);
        lastStart = nanoTime.getAsLong();
        task.run();
    }
}
