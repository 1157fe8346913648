package dev.blixard.api.backend;

import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs jobs on one technology. Register an implementation as an OSGi service (a Declarative Services
 * component); the node's worker agent claims jobs whose worker types include {@link #type()} and runs them
 * here, within {@link ResourceInfo#maxConcurrentExecutions()}.
 *
 * <p>Life-cycle: the component's activation is the backend's initialisation, its deactivation the shutdown.
 * On deactivation a backend must stop every execution it started and release everything it holds
 * (processes, containers, VMs, temporary files, threads): the agent then gives the jobs back to the queue
 * without counting an attempt.
 *
 * <p>Every method is called from several threads and must be thread-safe. {@link #submit} returns promptly;
 * the execution proceeds in the background.
 */
@ConsumerType
public interface ExecutionBackend {

    /** @return the worker type this backend runs, lower-case, for example {@code local} */
    String type();

    /** @return name, version and description, for listings and the console */
    PluginMetadata metadata();

    /**
     * Starts executing a job.
     *
     * @return the handle to follow the execution
     * @throws ExecutionException when the execution cannot start (bad payload: not retryable; no capacity
     *         or a broken engine: retryable)
     */
    ExecutionHandle submit(Job job, ExecutionConfig config) throws ExecutionException;

    /**
     * @return the execution's current state and output so far
     * @throws ExecutionException when the handle is unknown to this backend
     */
    ExecutionStatus status(ExecutionHandle handle) throws ExecutionException;

    /**
     * Stops an execution: politely first, then by force. Returns once the stop is under way; the final
     * status ({@link ExecutionState#CANCELLED}) follows through {@link #completion}. Cancelling a finished
     * execution does nothing.
     *
     * @throws ExecutionException when the handle is unknown to this backend
     */
    void cancel(ExecutionHandle handle) throws ExecutionException;

    /**
     * @return a stage completed with the final status once the execution ends, however it ends
     * @throws ExecutionException when the handle is unknown to this backend
     */
    CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) throws ExecutionException;

    /**
     * Waits for an execution to end.
     *
     * @return the final status
     * @throws TimeoutException when it has not ended within {@code timeout}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    default ExecutionStatus awaitCompletion(ExecutionHandle handle, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return completion(handle).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ExecutionException("execution " + handle.executionId() + " of job " + handle.jobId()
                    + " ended abnormally: " + e.getCause(), true, e.getCause());
        }
    }

    /** @return what the backend offers now */
    ResourceInfo resourceInfo();

    /**
     * @return whether this backend can run the job as configured (for example: payload understood,
     *         resources within limits); the agent does not submit jobs that it cannot
     */
    boolean canHandle(Job job, ExecutionConfig config);

    /** @return whether the backend can run jobs now, and why not */
    BackendHealth health();

    /** @return the executions the backend knows, running and recently finished */
    List<ExecutionHandle> executions();

    /**
     * Forgets finished executions older than {@code olderThan} and removes what they left behind (work
     * directories, logs).
     *
     * @return how many executions were cleaned up
     */
    int cleanup(Duration olderThan);

    /**
     * @return technology-specific facts about an execution
     * @throws ExecutionException when the handle is unknown to this backend
     */
    ExecutionMetadata metadata(ExecutionHandle handle) throws ExecutionException;
}
