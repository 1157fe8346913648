package dev.blixard.core.agent;

import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import java.util.List;
import java.util.Map;

/**
 * What the agent runs jobs on: an {@link dev.blixard.api.backend.ExecutionBackend} or a
 * {@link dev.blixard.api.plugin.JobProcessor} behind one interface, so claiming, timeouts, cancels and
 * reports work the same for both.
 */
interface JobExecutor {

    /** @return the worker type it runs */
    String type();

    /** @return a short description for logs, for example {@code backend mock} */
    String describe();

    /** @return how many executions it runs at once; the agent's capacity is capped by this */
    int maxConcurrent();

    /** @return the compute it offers, for the worker registration */
    Resources resources();

    /** @return labels that placement constraints are matched against */
    Map<String, String> labels();

    /** @return whether jobs may be sent to it now */
    boolean isUp();

    /** @return whether it can run this job as configured */
    boolean canRun(Job job, ExecutionConfig config);

    /**
     * Starts a job; returns promptly.
     *
     * @throws ExecutionException when it cannot start, saying whether another attempt may help
     */
    Execution start(Job job, ExecutionConfig config) throws ExecutionException;

    /**
     * Forgets finished executions older than {@code olderThan}, so a long-running node does not keep every
     * execution it ever ran.
     *
     * @return how many were forgotten
     */
    default int cleanup(java.time.Duration olderThan) {
        return 0;
    }

    /**
     * @return the runs it gave up on because they did not stop when cancelled (their threads still run), one
     *     line each for an operator; empty for executors whose executions always stop
     */
    default List<String> abandoned() {
        return List.of();
    }

    /** Releases what the executor owns (threads); waits for them until {@code deadlineNanos}. */
    void close(long deadlineNanos);
}
