package dev.blixard.integration.testbackend;

import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.TrackedExecution;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One execution of the echo backend: it runs until it echoes its payload, times out, is cancelled, or the
 * backend goes away, whichever comes first, and it ends exactly once. Thread-safe.
 */
final class EchoExecution implements TrackedExecution {
    private final ExecutionHandle handle;
    private final String payload;
    private final Clock clock;
    private final CompletableFuture<ExecutionStatus> done = new CompletableFuture<>();
    private final List<Future<?>> scheduled = new ArrayList<>();
    private ExecutionStatus latest;

    EchoExecution(ExecutionHandle handle, String payload, Clock clock) {
        this.handle = handle;
        this.payload = payload;
        this.clock = clock;
        this.latest = ExecutionStatus.builder(handle, ExecutionState.RUNNING).startedAt(handle.submittedAt()).build();
    }

    @Override
    public ExecutionHandle handle() {
        return handle;
    }

    /** @return the payload's size in bytes of UTF-8 */
    int payloadBytes() {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public CompletableFuture<ExecutionStatus> completion() {
        return done;
    }

    @Override
    public synchronized ExecutionStatus status() {
        return latest;
    }

    /** Keeps a scheduled task (the echo or the timeout) to cancel once the execution has ended. */
    synchronized void track(Future<?> task) {
        if (latest.state().isFinal()) {
            task.cancel(false);
        } else {
            scheduled.add(task);
        }
    }

    /** Succeeds: the payload becomes the result document and standard output, exit code 0. */
    boolean echo() {
        return finish(ExecutionState.SUCCEEDED, null, false);
    }

    /**
     * Ends the execution in {@code state} unless it has ended already.
     *
     * @param error why it did not succeed; {@code null} for {@link ExecutionState#SUCCEEDED}
     * @return whether this call ended it
     */
    boolean finish(ExecutionState state, String error, boolean retryable) {
        ExecutionStatus last;
        List<Future<?>> obsolete;
        synchronized (this) {
            if (latest.state().isFinal()) {
                return false;
            }
            ExecutionStatus.Builder status = ExecutionStatus.builder(handle, state)
                    .startedAt(handle.submittedAt())
                    .finishedAt(clock.instant())
                    .error(error)
                    .retryable(retryable);
            if (state == ExecutionState.SUCCEEDED) {
                status.exitCode(0).output(payload).stdout(payload, false);
            }
            last = status.build();
            latest = last;
            obsolete = new ArrayList<>(scheduled);
            scheduled.clear();
        }
        obsolete.forEach(task -> task.cancel(false));
        done.complete(last);
        return true;
    }
}
