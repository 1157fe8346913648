package dev.blixard.api.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The executions one backend instance knows, by execution id: running ones, and finished ones until they are
 * forgotten, so that a late question about an execution still gets its final status. The node's agent forgets
 * them through {@link ExecutionBackend#cleanup}; for a backend used without one, the registry itself forgets
 * executions that ended more than its retention ago (checked as executions are added, at most once a
 * minute), so memory stays bounded either way. Thread-safe.
 *
 * <p>A backend keeps one registry per component instance (never a static one), adds each execution it
 * starts, and delegates the handle-based calls of {@link ExecutionBackend} to it:
 *
 * <pre>{@code
 * public ExecutionStatus status(ExecutionHandle handle) throws ExecutionException {
 *     return executions.find(handle).status();
 * }
 * public int cleanup(Duration olderThan) {
 *     return executions.forgetEndedBefore(clock.instant().minus(olderThan), MyExecution::deleteFiles).size();
 * }
 * }</pre>
 *
 * @param <E> the backend's execution type
 */
public final class ExecutionRegistry<E extends TrackedExecution> {

    /** What a backend does with each forgotten execution, for example deleting its work directory. */
    @FunctionalInterface
    public interface Forgetting<E> {
        void forgotten(E execution);
    }

    /** How long an ended execution stays known when nobody cleans up sooner. */
    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(15);
    private static final long PRUNE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final String backendType;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, E> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextPrune;

    /**
     * A registry that keeps ended executions for {@link #DEFAULT_RETENTION}.
     *
     * @param backendType the backend's worker type, named in the error for an unknown handle
     */
    public ExecutionRegistry(String backendType) {
        this(backendType, Clock.systemUTC(), DEFAULT_RETENTION);
    }

    /**
     * @param backendType the backend's worker type, named in the error for an unknown handle
     * @param clock what the executions' finish times are compared with
     * @param retention how long an ended execution stays known when nobody cleans up sooner
     */
    public ExecutionRegistry(String backendType, Clock clock, Duration retention) {
        this.backendType = Objects.requireNonNull(backendType, "backendType");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.nextPrune = new AtomicLong(clock.millis() + PRUNE_EVERY_MILLIS);
    }

    /** Remembers an execution under its execution id (and, once a minute, forgets those past the retention). */
    public void add(E execution) {
        long now = clock.millis();
        long due = nextPrune.get();
        if (now >= due && nextPrune.compareAndSet(due, now + PRUNE_EVERY_MILLIS)) {
            forgetEndedBefore(clock.instant().minus(retention));
        }
        byId.put(execution.handle().executionId(), execution);
    }

    /** Forgets an execution, ended or not; a handle not known here is ignored. */
    public void forget(ExecutionHandle handle) {
        byId.remove(handle.executionId());
    }

    /**
     * @return the execution the handle names
     * @throws ExecutionException (not retryable) when it was never submitted to this instance, or has been
     *         forgotten since it ended
     */
    public E find(ExecutionHandle handle) throws ExecutionException {
        E execution = byId.get(handle.executionId());
        if (execution == null) {
            throw new ExecutionException("the " + backendType + " backend knows no execution "
                    + handle.executionId() + " (job " + handle.jobId()
                    + "): never submitted to this instance, or forgotten since it ended", false);
        }
        return execution;
    }

    /** @return the stage that completes with the execution's final status, for {@link ExecutionBackend#completion} */
    public CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) throws ExecutionException {
        return find(handle).completion().minimalCompletionStage();
    }

    /** @return a snapshot of every known execution, running and ended */
    public Collection<E> all() {
        return List.copyOf(byId.values());
    }

    /** @return the handles of every known execution, for {@link ExecutionBackend#executions} */
    public List<ExecutionHandle> handles() {
        return byId.values().stream().map(TrackedExecution::handle).toList();
    }

    /** @return how many known executions have not ended */
    public int running() {
        return (int) byId.values().stream().filter(execution -> !execution.completion().isDone()).count();
    }

    /**
     * Forgets the executions that ended before {@code cutoff}, handing each to {@code forgetting} after it
     * is removed (so it is handed over once even when two clean-ups race).
     *
     * @return the forgotten executions
     */
    public List<E> forgetEndedBefore(Instant cutoff, Forgetting<? super E> forgetting) {
        List<E> forgotten = new ArrayList<>();
        for (E execution : byId.values()) {
            if (endedBefore(execution, cutoff) && byId.remove(execution.handle().executionId(), execution)) {
                forgetting.forgotten(execution);
                forgotten.add(execution);
            }
        }
        return forgotten;
    }

    /** {@link #forgetEndedBefore(Instant, Forgetting)} for executions that leave nothing behind. */
    public List<E> forgetEndedBefore(Instant cutoff) {
        return forgetEndedBefore(cutoff, execution -> { });
    }

    private static boolean endedBefore(TrackedExecution execution, Instant cutoff) {
        if (!execution.completion().isDone()) {
            return false;
        }
        return execution.status().finishedAt().map(finished -> finished.isBefore(cutoff)).orElse(false);
    }
}
