package dev.blixard.core.agent;

import dev.blixard.api.job.Job;
import java.util.concurrent.Future;

/**
 * One claimed job on this worker, from the claim until its slot is free again.
 *
 * <p>Several parties race to end an attempt: the execution finishing, the agent's timeout, a cancel from
 * a heartbeat, the worker stopping. Exactly one of them {@linkplain #decide() decides} the outcome and
 * reports it (or deliberately reports nothing); the others back off. The slot is free once two parts are
 * closed: the execution has ended (or never started) and the decided outcome has been reported. Thread-safe.
 */
final class Attempt {
    private final Job job;
    private final long claimedNanos;
    private Execution execution;
    private Future<?> timeout;
    private boolean decided;
    private boolean executionClosed;
    private boolean outcomeClosed;

    Attempt(Job job) {
        this.job = job;
        this.claimedNanos = System.nanoTime();
    }

    Job job() {
        return job;
    }

    String jobId() {
        return job.id();
    }

    /** @return nanoseconds since the claim */
    long ageNanos() {
        return System.nanoTime() - claimedNanos;
    }

    /**
     * Takes the right to decide the outcome.
     *
     * @return whether the caller has it (it is the first to ask)
     */
    boolean decide() {
        Future<?> timer;
        synchronized (this) {
            if (decided) {
                return false;
            }
            decided = true;
            timer = timeout;
            timeout = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        return true;
    }

    synchronized boolean isDecided() {
        return decided;
    }

    /**
     * Records the running execution.
     *
     * @return {@code false} when the outcome was decided meanwhile: the caller must cancel the execution
     */
    synchronized boolean attach(Execution running) {
        execution = running;
        return !decided;
    }

    /** @return the execution, once started */
    synchronized Execution execution() {
        return execution;
    }

    /** Remembers the timeout timer, or cancels it when the outcome is already decided. */
    void timeout(Future<?> timer) {
        synchronized (this) {
            if (!decided) {
                timeout = timer;
                return;
            }
        }
        timer.cancel(false);
    }

    /** @return whether this freed the slot */
    synchronized boolean closeExecution() {
        if (executionClosed) {
            return false;
        }
        executionClosed = true;
        return outcomeClosed;
    }

    /** @return whether this freed the slot */
    synchronized boolean closeOutcome() {
        if (outcomeClosed) {
            return false;
        }
        outcomeClosed = true;
        return executionClosed;
    }
}
