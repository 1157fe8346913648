package dev.blixard.backend.mock;

import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.TrackedExecution;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One simulated execution. It ends exactly once, by whichever comes first: its scenario, its timeout,
 * a cancel, or the backend going away. Thread-safe.
 */
final class MockExecution implements TrackedExecution {
    private final ExecutionHandle handle;
    private final MockScenario scenario;
    private final Clock clock;
    private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private ExecutionStatus current;

    MockExecution(ExecutionHandle handle, MockScenario scenario, Clock clock) {
        this.handle = handle;
        this.scenario = scenario;
        this.clock = clock;
        this.current = ExecutionStatus.builder(handle, ExecutionState.RUNNING).startedAt(handle.submittedAt()).build();
    }

    @Override
    public ExecutionHandle handle() {
        return handle;
    }

    MockScenario scenario() {
        return scenario;
    }

    @Override
    public CompletableFuture<ExecutionStatus> completion() {
        return completion;
    }

    @Override
    public synchronized ExecutionStatus status() {
        return current;
    }

    /** Remembers a timer to cancel once the execution has ended. */
    synchronized void addTimer(Future<?> timer) {
        if (current.state().isFinal()) {
            timer.cancel(false);
        } else {
            timers.add(timer);
        }
    }

    /** Ends the execution as its scenario says. */
    void finishByScenario() {
        switch (scenario.outcome()) {
            case SUCCESS:
                end(ExecutionState.SUCCEEDED, null, false);
                break;
            case FAIL:
                end(ExecutionState.FAILED, "mock job failed with exit code " + scenario.exitCode(), false);
                break;
            case CRASH:
                end(ExecutionState.FAILED, "mock backend crashed while running job " + handle.jobId(), true);
                break;
            case HANG:
            default:
                // A hanging execution has no end of its own: the timeout or a cancel ends it.
                break;
        }
    }

    /**
     * Ends the execution unless it has already ended.
     *
     * @return whether this call ended it
     */
    boolean end(ExecutionState state, String error, boolean retryable) {
        ExecutionStatus finalStatus;
        List<Future<?>> pending;
        synchronized (this) {
            if (current.state().isFinal()) {
                return false;
            }
            Instant now = clock.instant();
            ExecutionStatus.Builder builder = ExecutionStatus.builder(handle, state)
                    .startedAt(handle.submittedAt())
                    .finishedAt(now)
                    .stdout(scenario.stdout(), false)
                    .error(error)
                    .retryable(retryable);
            if (state == ExecutionState.SUCCEEDED || state == ExecutionState.FAILED && !retryable) {
                builder.exitCode(scenario.exitCode());
            }
            if (state == ExecutionState.SUCCEEDED) {
                builder.output(scenario.outputJson());
            }
            finalStatus = builder.build();
            current = finalStatus;
            pending = new ArrayList<>(timers);
            timers.clear();
        }
        pending.forEach(timer -> timer.cancel(false));
        completion.complete(finalStatus);
        return true;
    }
}
