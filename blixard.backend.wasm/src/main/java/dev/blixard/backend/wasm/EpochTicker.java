package dev.blixard.backend.wasm;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task every period while at least one run holds the ticker, and not at all otherwise. Ticking for
 * nothing woke the node a hundred times a second forever, half of all the wake-ups of an idle node; each run
 * {@linkplain #acquire() acquires} the ticker for as long as it needs a clock and releases it after.
 */
final class EpochTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpochTicker.class);

    private final ScheduledThreadPoolExecutor executor;
    private final Runnable tick;
    private final long periodMillis;
    private int holders;
    private ScheduledFuture<?> ticking;

    /** @param tick what to run every {@code periodMillis} while held; it must not throw */
    EpochTicker(String threadName, Runnable tick, long periodMillis) {
        this.tick = tick;
        this.periodMillis = periodMillis;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled schedule leaves the queue at once, so an idle ticker's thread waits without a deadline.
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Starts ticking unless another holder already did; every call needs its {@link #release()}. */
    synchronized void acquire() {
        if (holders++ == 0) {
            ticking = executor.scheduleAtFixedRate(tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops ticking when the last holder lets go. */
    synchronized void release() {
        if (holders == 0) {
            throw new IllegalStateException("the epoch ticker was released more often than acquired");
        }
        if (--holders == 0) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** @return whether a tick is scheduled (for tests: an idle ticker has none queued) */
    synchronized boolean isTicking() {
        return ticking != null || !executor.getQueue().isEmpty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The wasm epoch ticker did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
