package dev.blixard.api.backend;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One execution as an {@link ExecutionRegistry} keeps it: a backend's own execution type implements this so
 * the registry can answer {@link ExecutionBackend#status}, {@link ExecutionBackend#completion},
 * {@link ExecutionBackend#executions} and {@link ExecutionBackend#cleanup} for it.
 */
@ConsumerType
public interface TrackedExecution {

    /** @return the handle the backend returned from {@link ExecutionBackend#submit} */
    ExecutionHandle handle();

    /** @return the current state and output so far; final once the execution has ended */
    ExecutionStatus status();

    /** @return completed with the final status once the execution has ended, however it ends */
    CompletableFuture<ExecutionStatus> completion();
}
