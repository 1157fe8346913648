package dev.blixard.backend.wasm;

import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executions one backend instance knows, by execution id: running ones, and finished ones until they are
 * forgotten (cleaned up by the agent, or after a while by the backend), so that a late status question still
 * gets the final status.
 */
final class Executions {

    private final Map<String, WasmExecution> byId = new ConcurrentHashMap<>();

    void add(WasmExecution execution) {
        byId.put(execution.handle().executionId(), execution);
    }

    void forget(ExecutionHandle handle) {
        byId.remove(handle.executionId());
    }

    /** @throws ExecutionException when the handle is not (or no longer) known here */
    WasmExecution get(ExecutionHandle handle) throws ExecutionException {
        WasmExecution execution = byId.get(handle.executionId());
        if (execution == null) {
            throw new ExecutionException("the wasm backend knows no execution " + handle.executionId() + " (job "
                    + handle.jobId() + "): never submitted here, or forgotten since it ended", false);
        }
        return execution;
    }

    Collection<WasmExecution> all() {
        return byId.values();
    }

    List<ExecutionHandle> handles() {
        return byId.values().stream().map(WasmExecution::handle).toList();
    }

    /** @return how many finished executions were forgotten: those that ended before {@code before} */
    int forgetEndedBefore(Instant before) {
        AtomicInteger forgotten = new AtomicInteger();
        byId.values().removeIf(execution -> execution.endedBefore(before) && forgotten.incrementAndGet() > 0);
        return forgotten.get();
    }
}
