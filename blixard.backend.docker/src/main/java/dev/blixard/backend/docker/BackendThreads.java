package dev.blixard.backend.docker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one backend instance: a runner per running container (each blocks while its container runs),
 * made when needed up to the slot count; one timer thread for timeouts and forgetting old executions; and one
 * thread for the periodic engine probe, apart, so that an engine slow to answer cannot delay a timeout. Their context class loader is this bundle's: docker-java's stream threads are started from them
 * and inherit it, and docker-java and Jackson look classes up through it.
 */
final class BackendThreads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackendThreads.class);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(10);

    private final ThreadPoolExecutor runners;
    private final ScheduledThreadPoolExecutor timers;
    private final ScheduledThreadPoolExecutor probes;

    BackendThreads(int slots) {
        AtomicInteger counter = new AtomicInteger();
        runners = new ThreadPoolExecutor(slots, slots, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory(() -> "blixard-docker-" + counter.incrementAndGet()));
        runners.allowCoreThreadTimeOut(true);
        timers = new ScheduledThreadPoolExecutor(1, factory(() -> "blixard-docker-timer"));
        timers.setRemoveOnCancelPolicy(true);
        probes = new ScheduledThreadPoolExecutor(1, factory(() -> "blixard-docker-probe"));
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** @throws RejectedExecutionException when stopping */
    void run(Runnable task) {
        runners.execute(task);
    }

    /** Runs {@code task} on the probe thread every {@code period}; a failure is logged and the next run still happens. */
    void every(Duration period, Runnable task) {
        probes.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Docker backend: a periodic task failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops every pool and waits for their threads to end. */
    @Override
    public void close() {
        List<ExecutorService> pools = List.of(runners, timers, probes);
        pools.forEach(ExecutorService::shutdownNow);
        for (ExecutorService pool : pools) {
            try {
                if (!pool.awaitTermination(JOIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Docker backend: threads still running {} s after stopping", JOIN_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ThreadFactory factory(java.util.function.Supplier<String> names) {
        return runnable -> {
            Thread thread = new Thread(runnable, names.get());
            thread.setDaemon(true);
            thread.setContextClassLoader(BackendThreads.class.getClassLoader());
            return thread;
        };
    }
}
