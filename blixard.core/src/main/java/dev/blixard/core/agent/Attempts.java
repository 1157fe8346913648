package dev.blixard.core.agent;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the jobs of one worker from claim to report: start, execute, enforce the timeout, report the
 * outcome, and give the slot back. Nothing here blocks the calling thread: writes go through the
 * {@link Reporter}, executions end through their completion stages.
 */
final class Attempts {
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

    private final String workerId;
    private final JobExecutor executor;
    private final Slots slots;
    private final AgentContext context;
    private final Consumer<String> errors;
    private final Map<String, Attempt> held = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();

    /**
     * @param errors told about every failure worth showing in the worker's health
     */
    Attempts(String workerId, JobExecutor executor, Slots slots, AgentContext context, Consumer<String> errors) {
        this.workerId = workerId;
        this.executor = executor;
        this.slots = slots;
        this.context = context;
        this.errors = errors;
    }

    /** Starts running a claimed job; a slot is already taken for it. */
    void run(Job job) {
        Attempt attempt = new Attempt(job);
        active.incrementAndGet();
        held.put(job.id(), attempt);
        if (job.status() == JobStatus.IN_PROGRESS) {
            // Claimed and started in one change (the agent claims that way): nothing to report first. Started
            // on the report pool, as after a reported start, so the claim thread hands out a claim of a
            // thousand jobs at once instead of starting each (a process spawn, a VM boot) in turn.
            context.reporter().execute(() -> started(attempt, null));
            return;
        }
        send("start", attempt, () -> context.reports().start(job.id(), workerId))
                .whenComplete((started, error) -> started(attempt, error));
    }

    /** Gives a claimed job back at once without running it; a slot is already taken for it. */
    void giveBack(Job job, String reason) {
        Attempt attempt = new Attempt(job);
        active.incrementAndGet();
        attempt.decide();
        closeExecution(attempt);
        release(attempt, reason);
    }

    /** Stops a job the store took away (cancelled, lease lost) and forgets it: nothing is reported. */
    void cancel(String jobId) {
        Attempt attempt = held.get(jobId);
        if (attempt == null || !decide(attempt)) {
            return;
        }
        LOG.info("Job {} on worker {} is no longer ours (cancelled or lease lost); stopping it", jobId, workerId);
        cancelExecution(attempt);
        closeOutcome(attempt);
    }

    /** Stops every job this worker holds and gives each back to the queue without counting an attempt. */
    int releaseAll(String reason) {
        int released = 0;
        for (Attempt attempt : held.values()) {
            if (decide(attempt)) {
                cancelExecution(attempt);
                release(attempt, reason);
                released++;
            }
        }
        return released;
    }

    private void started(Attempt attempt, Throwable error) {
        Job job = attempt.job();
        if (error != null) {
            if (decide(attempt)) {
                writeFailed("start", attempt, unwrap(error));
                closeOutcome(attempt);
            }
            closeExecution(attempt);
            return;
        }
        if (attempt.isDecided()) {
            // Cancelled or stopped while the start was in flight: whoever decided reports; nothing runs.
            closeExecution(attempt);
            return;
        }
        Duration timeout = timeoutOf(job);
        ExecutionConfig config = new ExecutionConfig(Math.max(1, job.attempt()), timeout, job.resources(),
                Map.of("BLIXARD_JOB_ID", job.id(), "BLIXARD_ATTEMPT", String.valueOf(Math.max(1, job.attempt())),
                        "BLIXARD_WORKER_ID", workerId, "BLIXARD_NODE_ID", context.nodeId()));
        Execution execution;
        try {
            if (!executor.canRun(job, config)) {
                refuse(attempt);
                closeExecution(attempt);
                return;
            }
            execution = executor.start(job, config);
        } catch (ExecutionException e) {
            if (decide(attempt)) {
                fail(attempt, new JobFailure(messageOf(e), e.retryable(), null));
            }
            closeExecution(attempt);
            return;
        } catch (RuntimeException e) {
            LOG.warn("{} threw starting job {} on worker {}", executor.describe(), job.id(), workerId, e);
            if (decide(attempt)) {
                fail(attempt, new JobFailure(executor.describe() + " could not start the job: " + e, true, null));
            }
            closeExecution(attempt);
            return;
        }
        if (attempt.attach(execution)) {
            scheduleTimeout(attempt, timeout);
        } else {
            execution.cancel();
        }
        execution.completion().whenComplete((status, failure) -> ended(attempt, status, failure));
    }

    /** The executor will not take the job: a down executor is not the job's fault, anything else is. */
    private void refuse(Attempt attempt) {
        if (!decide(attempt)) {
            return;
        }
        if (!executor.isUp()) {
            release(attempt, executor.describe() + " is down");
        } else {
            fail(attempt, new JobFailure(executor.describe() + " cannot run job " + attempt.jobId() + " as configured",
                    true, null));
        }
    }

    private void scheduleTimeout(Attempt attempt, Duration timeout) {
        try {
            attempt.timeout(context.scheduler().schedule(() -> timedOut(attempt, timeout), timeout.toNanos(),
                    TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // The agent is stopping: the stop cancels the execution and gives the job back.
        }
    }

    /** The agent enforces the timeout itself, because a backend that hangs also fails to time out. */
    private void timedOut(Attempt attempt, Duration timeout) {
        if (!decide(attempt)) {
            return;
        }
        Execution execution = attempt.execution();
        String details = execution.snapshot().map(status -> detailsOf(status, attempt)).orElse(null);
        execution.cancel();
        LOG.info("Job {} on worker {} timed out after {} ms; cancelled", attempt.jobId(), workerId, timeout.toMillis());
        fail(attempt, new JobFailure(timedOutMessage(timeout), true, details));
    }

    private void ended(Attempt attempt, ExecutionStatus status, Throwable failure) {
        try {
            if (decide(attempt)) {
                report(attempt, status, failure == null ? null : unwrap(failure));
            }
        } catch (RuntimeException e) {
            LOG.error("Could not report the outcome of job {} on worker {}", attempt.jobId(), workerId, e);
            closeOutcome(attempt);
        } finally {
            closeExecution(attempt);
        }
    }

    private void report(Attempt attempt, ExecutionStatus status, Throwable failure) {
        if (failure != null || status == null) {
            fail(attempt, new JobFailure("execution of job " + attempt.jobId() + " ended abnormally: " + failure, true,
                    null));
            return;
        }
        String details = detailsOf(status, attempt);
        switch (status.state()) {
            case SUCCEEDED:
                complete(attempt, new JobResult(details));
                break;
            case FAILED:
                fail(attempt, new JobFailure(status.error().orElse("execution failed"
                        + status.exitCode().map(code -> " with exit code " + code).orElse("")), status.retryable(),
                        details));
                break;
            case TIMED_OUT:
                // Retryable like the agent's own timeout: which timer fired first must not change the outcome. The
                // backend's own words come first, because its limit may be the payload's, shorter than the job's.
                fail(attempt, new JobFailure(status.error().orElse(timedOutMessage(timeoutOf(attempt.job()))), true,
                        details));
                break;
            case CANCELLED:
                // Not asked for by the agent (it decides before it cancels): the backend stopped it, typically
                // because it is shutting down; the job is not at fault.
                release(attempt, executor.describe() + " stopped the execution: " + status.error().orElse("cancelled"));
                break;
            default:
                fail(attempt, new JobFailure(executor.describe() + " ended job " + attempt.jobId() + " in state "
                        + status.state(), true, details));
        }
    }

    private void complete(Attempt attempt, JobResult result) {
        send("complete", attempt, () -> context.reports().complete(attempt.jobId(), workerId, result))
                .whenComplete((job, error) -> {
                    Throwable cause = error == null ? null : unwrap(error);
                    if (cause instanceof InvalidRequestException) {
                        // The result itself was refused (too large, for example): the job must not vanish.
                        LOG.warn("Result of job {} on worker {} refused: {}", attempt.jobId(), workerId, cause.getMessage());
                        fail(attempt, new JobFailure("result refused: " + cause.getMessage(), false, null));
                        return;
                    }
                    reported("complete", attempt, cause);
                });
    }

    private void fail(Attempt attempt, JobFailure failure) {
        LOG.debug("Job {} on worker {} failed ({}): {}", attempt.jobId(), workerId,
                failure.retryable() ? "retryable" : "permanent", failure.error());
        send("fail", attempt, () -> context.reports().fail(attempt.jobId(), workerId, failure))
                .whenComplete((job, error) -> reported("fail", attempt, error == null ? null : unwrap(error)));
    }

    private void release(Attempt attempt, String reason) {
        send("release", attempt, () -> context.reports().release(attempt.jobId(), workerId, reason))
                .whenComplete((job, error) -> reported("release", attempt, error == null ? null : unwrap(error)));
    }

    private void reported(String what, Attempt attempt, Throwable error) {
        if (error != null) {
            writeFailed(what, attempt, error);
        }
        closeOutcome(attempt);
    }

    /** Logs a refused write by what it means for the job; a lost lease also stops what still runs. */
    private void writeFailed(String what, Attempt attempt, Throwable error) {
        if (error instanceof ConflictException) {
            LOG.info("Cannot {} job {} on worker {}: the lease is no longer ours ({})", what, attempt.jobId(), workerId,
                    error.getMessage());
            cancelExecution(attempt);
        } else if (error instanceof NotFoundException) {
            LOG.info("Cannot {} job {} on worker {}: {}", what, attempt.jobId(), workerId, error.getMessage());
            cancelExecution(attempt);
        } else if (error instanceof UnavailableException) {
            LOG.error("Could not {} job {} on worker {} while the store was unavailable ({}); the job goes back to "
                    + "the queue when its lease lapses", what, attempt.jobId(), workerId, error.getMessage());
            errors.accept("store unavailable: " + error.getMessage());
            cancelExecution(attempt);
        } else {
            LOG.error("Could not {} job {} on worker {}", what, attempt.jobId(), workerId, error);
            errors.accept(what + " of job " + attempt.jobId() + " failed: " + error);
            cancelExecution(attempt);
        }
    }

    private <T> CompletionStage<T> send(String what, Attempt attempt, Supplier<CompletionStage<T>> write) {
        return context.reporter().send(what + " job " + attempt.jobId() + " on worker " + workerId, write);
    }

    private boolean decide(Attempt attempt) {
        if (attempt.decide()) {
            held.remove(attempt.jobId(), attempt);
            return true;
        }
        return false;
    }

    private void cancelExecution(Attempt attempt) {
        Execution execution = attempt.execution();
        if (execution != null) {
            execution.cancel();
        }
    }

    private void closeExecution(Attempt attempt) {
        if (attempt.closeExecution()) {
            free();
        }
    }

    private void closeOutcome(Attempt attempt) {
        if (attempt.closeOutcome()) {
            free();
        }
    }

    private void free() {
        active.decrementAndGet();
        slots.release(1);
    }

    private String detailsOf(ExecutionStatus status, Attempt attempt) {
        return context.json().of(status, Duration.ofNanos(attempt.ageNanos()));
    }

    private Duration timeoutOf(Job job) {
        return job.timeout().orElse(context.settings().defaultTimeout());
    }

    private static String timedOutMessage(Duration timeout) {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return jobs between claim and the end of their execution and report */
    int active() {
        return active.get();
    }
}
