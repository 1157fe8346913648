package dev.blixard.examples.csv;

import dev.blixard.api.plugin.ProcessingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stop conditions of one run of {@link CsvProcessor}: the node's cancel (through the
 * {@link ProcessingContext}, which also covers the agent's timeout and the processor going away), a
 * {@link CsvProcessor#cancel} or deactivation (the stop reference), an interrupt of the running thread, and the job's
 * own timeout, measured from the start of the run so the job stops even if the agent's timer is late.
 */
final class RunInterruption implements Interruption {
    /** Asked for by a client: no further attempt. */
    static final Stop CANCELLED = new Stop("cancelled", false);
    /** The processor is going away: the job may run again elsewhere or after the plugin is back. */
    static final Stop STOPPING = new Stop("the processor is stopping", true);
    private static final Stop INTERRUPTED = new Stop("interrupted", true);

    private final ProcessingContext context;
    private final AtomicReference<Stop> stop;
    private final Optional<Duration> timeout;
    private final long start = System.nanoTime();

    RunInterruption(ProcessingContext context, AtomicReference<Stop> stop, Optional<Duration> timeout) {
        this.context = context;
        this.stop = stop;
        this.timeout = timeout;
    }

    @Override
    public Stop check() {
        Stop requested = stop.get();
        if (requested != null) {
            return requested;
        }
        if (context.isCancelled()) {
            return CANCELLED;
        }
        if (Thread.currentThread().isInterrupted()) {
            return INTERRUPTED;
        }
        if (timeout.isPresent() && System.nanoTime() - start >= timeout.get().toNanos()) {
            // Retryable, as the agent's own timeout is: a later attempt on a quieter node may finish in time.
            return new Stop("timed out after " + timeout.get().toMillis() + " ms", true);
        }
        return null;
    }
}
