package dev.blixard.backend.local;

import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.TrackedExecution;
import dev.blixard.api.backend.ResourceUsage;
import dev.blixard.backend.local.os.ProcessTreeUsage;
import dev.blixard.backend.local.os.Signal;
import dev.blixard.backend.local.os.Signals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's process, from start to its final status: output read as it comes (bounded), resource usage
 * sampled, a wall-clock limit, and an ending that leaves nothing behind. However it ends (exit, timeout,
 * cancel, the backend stopping), every process of the job is killed, politely first, and the final status is
 * published once.
 */
final class LocalExecution implements TrackedExecution {

    private static final Logger LOG = LoggerFactory.getLogger(LocalExecution.class);
    /** How long to wait for the output pipes to close once every process of the job is gone. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /** Why an execution was ended from outside, decided by whoever came first. */
    private record Ending(ExecutionState state, String reason, boolean retryable) {
    }

    private final ExecutionHandle handle;
    private final LaunchedCommand command;
    private final String describedSetup;
    private final Process process;
    private final ProcessTree tree;
    private final ProcessTreeUsage usageMeter;
    private final BoundedOutput stdout;
    private final BoundedOutput stderr;
    private final Clock clock;
    private final Instant startedAt;
    private final Duration killGrace;
    private final ScheduledExecutorService timers;
    private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final AtomicReference<ProcessTreeUsage.Usage> usage = new AtomicReference<>();
    private final Runnable whenEnded;
    private final Future<?> stdoutReader;
    private final Future<?> stderrReader;
    private volatile Future<?> timeoutTimer;

    private LocalExecution(ExecutionHandle handle, LaunchedCommand command, String describedSetup, Process process,
            Signals signals, ProcessTreeUsage usageMeter, int outputCap, Clock clock, Duration killGrace,
            ScheduledExecutorService timers, ExecutorService pipes, Runnable whenEnded) {
        this.handle = handle;
        this.usageMeter = usageMeter;
        this.whenEnded = whenEnded;
        this.command = command;
        this.describedSetup = describedSetup;
        this.process = process;
        this.tree = new ProcessTree(process.toHandle(), handle.executionId(), signals);
        this.stdout = new BoundedOutput(outputCap);
        this.stderr = new BoundedOutput(outputCap);
        this.clock = clock;
        this.startedAt = clock.instant();
        this.killGrace = killGrace;
        this.timers = timers;
        this.stdoutReader = pipes.submit(() -> drain(process.getInputStream(), stdout));
        this.stderrReader = pipes.submit(() -> drain(process.getErrorStream(), stderr));
    }

    /**
     * Starts the process and everything that watches it.
     *
     * @param describedSetup the JSON text of how it runs (isolation, limits, program), for the result's {@code output}
     * @param whenEnded runs once every process is gone, just before the final status is published (to free the
     *        slot and the work directory, so whoever sees the status also sees them freed)
     * @throws IOException when the process cannot start
     */
    static LocalExecution start(ExecutionHandle handle, LaunchedCommand command, String describedSetup, Path cwd,
            String stdin, Duration timeout, Signals signals, ProcessTreeUsage usageMeter, int outputCap, Clock clock,
            Duration killGrace, ScheduledExecutorService timers, ExecutorService pipes, Runnable whenEnded)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        LocalExecution execution = new LocalExecution(handle, command, describedSetup, process, signals, usageMeter,
                outputCap, clock, killGrace, timers, pipes, whenEnded);
        if (stdin != null) {
            pipes.submit(() -> execution.feed(stdin));
        }
        execution.timeoutTimer = timers.schedule(() -> execution.end(ExecutionState.TIMED_OUT,
                "job " + handle.jobId() + " timed out after " + timeout.toMillis() + " ms", false),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        process.onExit().whenCompleteAsync((exited, failure) -> execution.finish(), pipes);
        return execution;
    }

    @Override
    public ExecutionHandle handle() {
        return handle;
    }

    @Override
    public CompletableFuture<ExecutionStatus> completion() {
        return completion;
    }

    long pid() {
        return tree.leaderPid();
    }

    /** Takes one resource-usage sample and remembers the job's processes; called periodically while it runs. */
    void sample(ProcessTable table) {
        if (completion.isDone()) {
            return;
        }
        usageMeter.sample(tree.leaderPid(), tree.refresh(table)).ifPresent(latest -> usage.accumulateAndGet(latest,
                (before, now) -> before == null ? now : before.max(now)));
    }

    /**
     * Ends the execution from outside: SIGTERM to every process of the job now, SIGKILL to whatever is left after
     * the grace period. The first caller decides the final state; later calls and calls after the end do nothing.
     *
     * @return whether this call ended it
     */
    boolean end(ExecutionState state, String reason, boolean retryable) {
        if (completion.isDone() || !ending.compareAndSet(null, new Ending(state, reason, retryable))) {
            return false;
        }
        LOG.debug("Ending local execution {} of job {}: {}", handle.executionId(), handle.jobId(), reason);
        tree.signalAll(Signal.TERM, true);
        timers.schedule(() -> {
            if (tree.anyAlive()) {
                LOG.info("Job {}: processes still running {} ms after SIGTERM; sending SIGKILL", handle.jobId(),
                        killGrace.toMillis());
                tree.signalAll(Signal.KILL, true);
            }
        }, killGrace.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** The status now: output so far while it runs, the final status once it ended. */
    @Override
    public ExecutionStatus status() {
        if (completion.isDone()) {
            return completion.join();
        }
        return statusBuilder(ExecutionState.RUNNING).build();
    }

    /** Once the job's own process exited: no process of it may outlive it, then the result. */
    private void finish() {
        int leftovers = tree.signalAll(Signal.KILL, ending.get() != null);
        if (leftovers > 0) {
            LOG.info("Job {} left {} processes running after its command ended; they were killed", handle.jobId(), leftovers);
        }
        awaitPipes();
        timeoutTimer.cancel(false);
        Ending ended = ending.get();
        int exitCode = process.exitValue();
        ExecutionStatus.Builder status;
        if (ended != null) {
            status = statusBuilder(ended.state()).error(ended.reason()).retryable(ended.retryable());
        } else if (exitCode == 0) {
            status = statusBuilder(ExecutionState.SUCCEEDED);
        } else {
            status = statusBuilder(ExecutionState.FAILED).error(ExitCodes.describe(exitCode, handle.jobId()));
        }
        ExecutionStatus last = status.exitCode(exitCode).finishedAt(clock.instant()).build();
        try {
            whenEnded.run();
        } finally {
            completion.complete(last);
        }
    }

    private ExecutionStatus.Builder statusBuilder(ExecutionState state) {
        ProcessTreeUsage.Usage used = usage.get();
        return ExecutionStatus.builder(handle, state)
                .stdout(stdout.text(), stdout.truncated())
                .stderr(stderr.text(), stderr.truncated())
                .startedAt(startedAt)
                .output(describedSetup)
                .usage(used == null ? ResourceUsage.UNKNOWN : new ResourceUsage(used.cpuTimeMillis(), used.maxRssBytes()));
    }

    private void awaitPipes() {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        for (Future<?> reader : List.of(stdoutReader, stderrReader)) {
            try {
                reader.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("Job {}: output still open {} s after its processes ended; result without the rest",
                        handle.jobId(), DRAIN.toSeconds());
                reader.cancel(true);
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Job {}: reading its output failed", handle.jobId(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void drain(InputStream pipe, BoundedOutput into) {
        byte[] buffer = new byte[8192];
        try (pipe) {
            for (int read; (read = pipe.read(buffer)) >= 0;) {
                into.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // The pipe closes under the reader when the process is destroyed: the output read so far stands.
        }
    }

    private void feed(String stdin) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A job that exits or closes its input before reading all of it: not an error of the backend.
            LOG.debug("Job {} did not read all of its stdin: {}", handle.jobId(), e.getMessage());
        }
    }

    /** Facts for {@code ExecutionBackend.metadata}. */
    Map<String, String> attributes() {
        return Map.of("pid", Long.toString(pid()), "program", command.program().toString(),
                "setup", describedSetup);
    }
}
