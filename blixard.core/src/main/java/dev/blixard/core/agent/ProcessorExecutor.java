package dev.blixard.core.agent;

import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.JobProcessingException;
import dev.blixard.api.plugin.JobProcessor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on an in-JVM {@link JobProcessor}. {@code process} blocks, so each run takes a thread of this
 * executor's own pool; the pool is stopped with the executor, so a processor that goes away takes its threads
 * with it.
 *
 * <p>A processor is third-party code and may ignore a cancel. A run that has not returned within the cancel
 * grace after its cancel is abandoned: its thread is interrupted and left behind (Java cannot kill it), the
 * execution ends as cancelled so the job's slot is free again, and the run is listed in {@link #abandoned()}
 * (the worker's health) until its thread returns. The pool therefore has no fixed size: the agent's slots
 * bound the runs, and an abandoned thread must not take a slot's thread with it.
 */
final class ProcessorExecutor implements JobExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorExecutor.class);

    private final JobProcessor processor;
    private final String type;
    private final Path workRoot;
    private final Clock clock;
    private final AgentThreads runThreads;
    private final ThreadPoolExecutor pool;
    private final int capacity;
    private final ScheduledExecutorService timers;
    private final Duration cancelGrace;
    private final Map<String, String> abandoned = new ConcurrentHashMap<>();

    /**
     * @param capacity how many jobs the processor runs at once
     * @param timers the agent's timer threads, for the cancel grace
     * @param cancelGrace how long a cancelled run may take to return before it is abandoned
     */
    ProcessorExecutor(JobProcessor processor, int capacity, Path workRoot, Clock clock, ScheduledExecutorService timers,
            Duration cancelGrace) {
        this.processor = processor;
        this.type = processor.workerType();
        this.workRoot = workRoot;
        this.clock = clock;
        this.capacity = capacity;
        this.timers = timers;
        this.cancelGrace = cancelGrace;
        this.runThreads = new AgentThreads(type + "-processor");
        // Idle processors hold no threads: each thread retires after 30 s without a run.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runThreads);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String describe() {
        return "processor " + processor.metadata().name() + " (" + type + ")";
    }

    @Override
    public int maxConcurrent() {
        return capacity;
    }

    @Override
    public Resources resources() {
        return Resources.NONE;
    }

    @Override
    public Map<String, String> labels() {
        return Map.of();
    }

    @Override
    public boolean isUp() {
        try {
            return processor.health().state() != dev.blixard.api.HealthState.DOWN;
        } catch (RuntimeException e) {
            LOG.warn("Processor {} failed to report its health", type, e);
            return false;
        }
    }

    @Override
    public boolean canRun(Job job, ExecutionConfig config) {
        return processor.canProcess(job);
    }

    @Override
    public Execution start(Job job, ExecutionConfig config) throws ExecutionException {
        ExecutionHandle handle = new ExecutionHandle(job.id() + "-" + config.attempt(), type, job.id(),
                config.attempt(), clock.instant());
        ProcessorRun run = new ProcessorRun(job, handle,
                new RunContext(config.attempt(), workRoot.resolve(job.id() + "-" + config.attempt())));
        try {
            pool.execute(run);
        } catch (RejectedExecutionException e) {
            throw new ExecutionException("processor " + type + " is stopping; job " + job.id() + " not started", true, e);
        }
        return run;
    }

    @Override
    public List<String> abandoned() {
        return List.copyOf(abandoned.values());
    }

    @Override
    public void close(long deadlineNanos) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.error("Processor {} still runs {} jobs after its deadline; their threads are abandoned", type,
                        pool.getActiveCount());
                return;
            }
            runThreads.joinAll(deadlineNanos + TimeUnit.SECONDS.toNanos(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One call of {@code process}, as an execution. */
    private final class ProcessorRun implements Execution, Runnable {
        private final Job job;
        private final ExecutionHandle handle;
        private final RunContext context;
        private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
        private volatile Instant startedAt;
        private volatile Thread runner;

        ProcessorRun(Job job, ExecutionHandle handle, RunContext context) {
            this.job = job;
            this.handle = handle;
            this.context = context;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            startedAt = clock.instant();
            ExecutionStatus.Builder status;
            try {
                if (context.isCancelled()) {
                    // Cancelled while waiting for a thread: the processor never saw it.
                    completion.complete(ended(ExecutionState.CANCELLED, "job " + job.id() + " cancelled", false).build());
                    return;
                }
                JobResult result = processor.process(job, context);
                status = context.isCancelled() ? ended(ExecutionState.CANCELLED, "job " + job.id() + " cancelled", false)
                        : ended(ExecutionState.SUCCEEDED, null, false).output(result == null ? null : result.json());
            } catch (JobProcessingException e) {
                status = context.isCancelled() ? ended(ExecutionState.CANCELLED, "job " + job.id() + " cancelled", false)
                        : ended(ExecutionState.FAILED, message(e), e.retryable());
            } catch (RuntimeException | LinkageError e) {
                // A bug in the plugin, not in the job: another attempt (maybe after a fix is deployed) may work.
                LOG.warn("Processor {} threw on job {}", type, job.id(), e);
                status = ended(ExecutionState.FAILED, "processor " + type + " threw " + e, true);
            } finally {
                context.deleteWorkDirectory();
                runner = null;
            }
            if (!completion.complete(status.build()) && abandoned.remove(handle.executionId()) != null) {
                LOG.warn("Processor {} returned from job {} after all, long after its cancel; its thread is free again",
                        type, job.id());
            }
        }

        private ExecutionStatus.Builder ended(ExecutionState state, String error, boolean retryable) {
            return ExecutionStatus.builder(handle, state).startedAt(startedAt).finishedAt(clock.instant()).error(error)
                    .retryable(retryable);
        }

        private String message(Exception e) {
            return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        }

        @Override
        public ExecutionHandle handle() {
            return handle;
        }

        @Override
        public CompletionStage<ExecutionStatus> completion() {
            return completion;
        }

        @Override
        public Optional<ExecutionStatus> snapshot() {
            ExecutionStatus done = completion.getNow(null);
            return Optional.of(done != null ? done
                    : ExecutionStatus.builder(handle, startedAt == null ? ExecutionState.PENDING : ExecutionState.RUNNING)
                            .startedAt(startedAt).build());
        }

        @Override
        public void cancel() {
            context.cancel();
            try {
                processor.cancel(job.id());
            } catch (RuntimeException e) {
                LOG.warn("Processor {} failed to cancel job {}", type, job.id(), e);
            }
            try {
                timers.schedule(this::abandonIfRunning, cancelGrace.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The agent is stopping; closing this executor abandons what still runs.
            }
        }

        private void abandonIfRunning() {
            Thread thread = runner;
            if (completion.isDone() || thread == null) {
                return;
            }
            String why = "processor " + type + " did not stop job " + job.id() + " within " + cancelGrace.toMillis()
                    + " ms of its cancel; thread " + thread.getName() + " was interrupted and abandoned";
            abandoned.put(handle.executionId(), why + " at " + clock.instant());
            thread.interrupt();
            if (completion.complete(ended(ExecutionState.CANCELLED, why, false).build())) {
                LOG.error("{}; the job's slot is free again, the thread is left running", why);
            } else {
                abandoned.remove(handle.executionId());
            }
        }
    }
}
