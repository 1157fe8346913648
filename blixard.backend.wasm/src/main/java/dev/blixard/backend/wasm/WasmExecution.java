package dev.blixard.backend.wasm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.TrackedExecution;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.Val;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's run of a module, from submit to its final status: it takes the compiled module from the cache (or
 * compiles it), checks the job's function and arguments against it, runs it with WASI in a directory of its
 * own, and reports. However it ends (return, exit, trap, timeout, cancel, the backend stopping), its directory
 * is emptied, the module released, and the final status published once, with the output read back within the
 * cap.
 */
final class WasmExecution implements TrackedExecution {

    private static final Logger LOG = LoggerFactory.getLogger(WasmExecution.class);

    /** What the backend shares with its executions. */
    record Context(WasmRuntime runtime, ModuleCache cache, ExecutionDirectories directories, int outputCap, Clock clock) {
    }

    private final ExecutionHandle handle;
    private final WasmPayload payload;
    private final ModuleSources.Located module;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final ExecutionGuard guard;
    private final Context context;
    private final Runnable whenEnded;
    private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
    private final Map<String, String> attributes;
    private volatile Instant startedAt;
    private volatile Path directory;

    /**
     * @param environment the node's variables for the job, then the payload's
     * @param whenEnded runs once the run is over and its directory gone, just before the final status is
     *        published (to free the slot, so whoever sees the status also sees the slot free)
     */
    WasmExecution(ExecutionHandle handle, WasmPayload payload, ModuleSources.Located module, Map<String, String> environment,
            Duration timeout, OptionalLong fuel, long memoryLimitMb, Context context, Runnable whenEnded) {
        this.handle = handle;
        this.payload = payload;
        this.module = module;
        this.environment = environment;
        this.timeout = timeout;
        this.guard = new ExecutionGuard(fuel, memoryLimitMb);
        this.context = context;
        this.whenEnded = whenEnded;
        this.attributes = Map.of("module", module.name(), "function", payload.function(),
                "timeout_ms", Long.toString(timeout.toMillis()),
                "fuel", fuel.isPresent() ? Long.toString(fuel.getAsLong()) : "unlimited",
                "memory_limit_mb", Long.toString(memoryLimitMb));
    }

    @Override
    public ExecutionHandle handle() {
        return handle;
    }

    @Override
    public CompletableFuture<ExecutionStatus> completion() {
        return completion;
    }

    /**
     * Ends the execution from outside: the module stops at its next fuel slice (or does not start). The first
     * caller decides the final state; later calls and calls after the end do nothing.
     *
     * @return whether this call ended it
     */
    boolean stop(ExecutionState state, String reason, boolean retryable) {
        boolean decided = !completion.isDone() && guard.stop(state, reason, retryable);
        if (decided) {
            LOG.debug("Stopping wasm execution {} of job {}: {}", handle.executionId(), handle.jobId(), reason);
        }
        return decided;
    }

    /** The status now: the output so far while it runs, the final status once it ended. */
    @Override
    public ExecutionStatus status() {
        if (completion.isDone()) {
            return completion.join();
        }
        Path running = directory;
        ExecutionStatus.Builder status = ExecutionStatus.builder(handle,
                startedAt == null ? ExecutionState.PENDING : ExecutionState.RUNNING).startedAt(startedAt);
        if (running != null) {
            try {
                withOutput(status, running);
            } catch (IOException e) {
                LOG.debug("Job {}: output not readable while it runs: {}", handle.jobId(), e.toString());
            }
        }
        return status.build();
    }

    /** Facts for {@code ExecutionBackend.metadata}. */
    Map<String, String> attributes() {
        return attributes;
    }

    /** Runs the module; called once, on a thread of the backend's executor. */
    void run() {
        startedAt = context.clock().instant();
        ExecutionStatus.Builder status;
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("function", payload.function());
        try {
            Optional<ExecutionGuard.Ending> before = guard.ending();
            status = before.isPresent() ? ended(before.get()) : runModule(output);
        } catch (InvalidModuleException | IllegalArgumentException e) {
            status = ExecutionStatus.builder(handle, ExecutionState.FAILED).error("job " + handle.jobId()
                    + " cannot run: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Wasm execution {} of job {} failed on this node", handle.executionId(), handle.jobId(), e);
            status = ExecutionStatus.builder(handle, ExecutionState.FAILED).retryable(true)
                    .error("job " + handle.jobId() + " failed on this node: " + e);
        }
        finish(status.output(output.toString()));
    }

    /** @throws IOException when the execution's directory cannot be made */
    private ExecutionStatus.Builder runModule(ObjectNode output) throws IOException {
        String key = module.key();
        output.put("module", key);
        ModuleCache.Use use = context.cache().acquire(key, module::binary);
        output.put("cache", use.hit() ? "hit" : "miss");
        try {
            ModuleFacts facts = use.entry().facts();
            ModuleFacts.Signature signature = facts.functions().get(payload.function());
            if (signature == null) {
                throw new IllegalArgumentException("the module exports no function " + payload.function()
                        + " (it exports: " + String.join(", ", facts.functionNames()) + ")");
            }
            Val[] arguments = Arguments.convert(payload.function(), signature, payload.arguments());
            facts.memory().filter(memory -> memory.minMib() > guard.memoryLimitMb()).ifPresent(memory -> {
                throw new IllegalArgumentException("memory limit of " + guard.memoryLimitMb() + " MiB is below the "
                        + memory.minMib() + " MiB the module's memory starts with");
            });
            directory = context.directories().acquire();
            byte[] stdin = payload.stdin().map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            List<String> argv = new ArrayList<>(List.of(module.name()));
            argv.addAll(payload.args());
            WasmRuntime.Result result = context.runtime().run(use.entry().module(), use.entry().imports(),
                    new WasmRuntime.Run(payload.function(),
                    arguments, argv, environment, stdin, directory.resolve("stdout"), directory.resolve("stderr"),
                    directory.resolve(ExecutionDirectories.GUEST_VISIBLE), "/" + ExecutionDirectories.GUEST_VISIBLE,
                    timeout), guard);
            output.put("fuel_used", result.fuelUsed());
            Optional<ExecutionGuard.Ending> asked = guard.over();
            return asked.isPresent() ? ended(asked.get()) : outcome(result.outcome(), output);
        } finally {
            context.cache().release(use.entry());
        }
    }

    private ExecutionStatus.Builder ended(ExecutionGuard.Ending asked) {
        return ExecutionStatus.builder(handle, asked.state()).error(asked.reason()).retryable(asked.retryable());
    }

    private ExecutionStatus.Builder outcome(WasmRuntime.Outcome outcome, ObjectNode output) {
        if (outcome instanceof WasmRuntime.Returned returned) {
            output.set("results", Arguments.results(returned.results()));
            ExecutionStatus.Builder status = ExecutionStatus.builder(handle, ExecutionState.SUCCEEDED);
            // A WASI command that returns from _start exits with 0, as if it had called proc_exit(0).
            return payload.function().equals(WasmPayload.DEFAULT_FUNCTION) ? status.exitCode(0) : status;
        }
        if (outcome instanceof WasmRuntime.Exited exited) {
            output.put("exit_code", exited.code());
            return exited.code() == 0 ? ExecutionStatus.builder(handle, ExecutionState.SUCCEEDED).exitCode(0)
                    : ExecutionStatus.builder(handle, ExecutionState.FAILED).exitCode(exited.code())
                            .error("job " + handle.jobId() + " exited with code " + exited.code());
        }
        if (outcome instanceof WasmRuntime.Trapped trapped && trapped.trap() == Trap.INTERRUPT) {
            return ExecutionStatus.builder(handle, ExecutionState.TIMED_OUT)
                    .error("job " + handle.jobId() + " timed out after " + timeout.toMillis() + " ms");
        }
        String reason = outcome instanceof WasmRuntime.Trapped trapped ? "the module trapped: " + trapped.message()
                : ((WasmRuntime.Failed) outcome).message();
        return ExecutionStatus.builder(handle, ExecutionState.FAILED).error("job " + handle.jobId() + " failed: " + reason);
    }

    private void finish(ExecutionStatus.Builder status) {
        Path ran = directory;
        if (ran != null) {
            try {
                withOutput(status, ran);
            } catch (IOException e) {
                LOG.warn("Job {}: its output could not be read back: {}", handle.jobId(), e.toString());
            }
        }
        ExecutionStatus last = status.startedAt(startedAt).finishedAt(context.clock().instant()).build();
        try {
            if (ran != null) {
                directory = null;
                context.directories().release(ran);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Job {}: its directory {} could not be emptied: {}", handle.jobId(), ran, e.toString());
        }
        try {
            whenEnded.run();
        } finally {
            completion.complete(last);
        }
        LOG.debug("Wasm execution {} of job {} ended: {}", handle.executionId(), handle.jobId(), last);
    }

    private void withOutput(ExecutionStatus.Builder status, Path ran) throws IOException {
        OutputFile stdout = OutputFile.read(ran.resolve("stdout"), context.outputCap());
        OutputFile stderr = OutputFile.read(ran.resolve("stderr"), context.outputCap());
        status.stdout(stdout.text(), stdout.truncated()).stderr(stderr.text(), stderr.truncated());
    }

    /** @return the payload's own timeout when it is shorter than the node's */
    static Duration timeout(WasmPayload payload, Duration node) {
        return payload.timeoutMillis().map(Duration::ofMillis).filter(own -> own.compareTo(node) < 0).orElse(node);
    }
}
