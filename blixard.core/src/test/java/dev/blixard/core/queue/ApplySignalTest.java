package dev.blixard.core.queue;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** When a signalled task runs: at once after a quiet interval, folded while pending, spaced when busy. */
public class ApplySignalTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(1);

    private final RecordingExecutor executor = new RecordingExecutor();
    private long now = 5_000_000_000L;
    private int runs;
    private Runnable duringRun = () -> { };
    private final ApplySignal signal = new ApplySignal(executor, () -> {
        runs++;
        duringRun.run();
    }, INTERVAL, () -> now);

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void theFirstSignalAndOneAfterAQuietIntervalRunAtOnce() {
        signal.signal();
        executor.runNext();
        now += INTERVAL;
        signal.signal();
        executor.runNext();

        assertEquals(List.of(0L, 0L), executor.delays);
        assertEquals(2, runs);
    }

    @Test
    public void signalsWhileARunIsPendingAreFoldedIntoIt() {
        signal.signal();
        signal.signal();
        signal.signal();
        executor.runNext();

        assertEquals(1, executor.delays.size());
        assertEquals(1, runs);
    }

    @Test
    public void aSignalSoonerThanTheIntervalWaitsForTheRestOfIt() {
        signal.signal();
        executor.runNext();
        now += INTERVAL / 4;

        signal.signal();

        assertEquals(List.of(0L, INTERVAL - INTERVAL / 4), executor.delays);
    }

    @Test
    public void aSignalDuringARunAsksForAnotherRun() {
        duringRun = signal::signal;
        signal.signal();
        executor.runNext();

        assertEquals(2, executor.delays.size());
        assertEquals(INTERVAL, (long) executor.delays.get(1));
    }

    @Test
    public void aSignalAfterTheExecutorStoppedIsIgnored() {
        executor.shutdown();

        signal.signal();
        signal.signal();

        assertEquals(0, runs);
    }

    /** Records what is handed to it and runs it only when told to. */
    private static final class RecordingExecutor extends ScheduledThreadPoolExecutor {
        final List<Long> delays = new ArrayList<>();
        private final List<Runnable> queued = new ArrayList<>();

        RecordingExecutor() {
            super(1);
        }

        @Override
        public void execute(Runnable command) {
            record(command, 0);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            record(command, unit.toNanos(delay));
            return null;
        }

        private void record(Runnable command, long delayNanos) {
            if (isShutdown()) {
                throw new java.util.concurrent.RejectedExecutionException("stopped");
            }
            delays.add(delayNanos);
            queued.add(command);
        }

        void runNext() {
            queued.remove(0).run();
        }
    }
}
