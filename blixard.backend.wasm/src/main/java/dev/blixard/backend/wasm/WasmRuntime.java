package dev.blixard.backend.wasm;

import io.github.kawamuray.wasmtime.Disposable;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's one wasmtime engine and what every run shares: the WASI linker and the epoch ticker. Runs one
 * instrumented module per call of {@link #run}, in a store of its own that is gone when the call returns.
 *
 * <p>Timeouts use epoch interruption: a ticker thread advances the engine's epoch every {@value #TICK_MS} ms
 * while anything runs, and each store traps once the epoch passes the deadline it was given. The ticker waits
 * while the engine compiles a module (wasmtime-java locks the engine for that), so a timeout can be late by as
 * long as a compile takes. Cancels do not use the epoch: it is shared by every store, and a store's own
 * deadline cannot be moved while it runs (see {@link ExecutionGuard}).
 */
final class WasmRuntime implements AutoCloseable {

    static final String ENGINE = "wasmtime-java 0.19.0";
    static final long TICK_MS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(WasmRuntime.class);
    /**
     * Keeps the class loader of this bundle revision, and with it the engine's JNI library, for the life of the
     * JVM. wasmtime installs process-wide signal handlers the first time it runs and never removes them; the JVM
     * unloads a JNI library once the class loader that loaded it is collected (after a bundle update, or a
     * framework restarted in the same JVM), and the next signal then jumps into unmapped code and kills the
     * process without a trace. A registered shutdown hook is held by the JVM until it exits, and this one's task
     * is a class of this bundle. The price, one library copy per bundle revision, is paid anyway: wasmtime's
     * handlers chain to one another, so no copy can go.
     */
    private static final Thread LIBRARY_PIN = pinLibrary();
    private static final FuncType STDIN_TYPE = new FuncType(
            new Val.Type[] {Val.Type.I32, Val.Type.I32, Val.Type.I32}, new Val.Type[] {Val.Type.I32});
    private static final int WASI_SUCCESS = 0;

    /** How a run ended, before the execution decides what that means for the job. */
    sealed interface Outcome permits Returned, Exited, Trapped, Failed {
    }

    /** The function returned these values. */
    record Returned(List<Val> results) implements Outcome {
    }

    /** The module called WASI {@code proc_exit}. */
    record Exited(int code) implements Outcome {
    }

    /** A trap: the epoch deadline ({@link Trap#INTERRUPT}), a hook's stop, or the module's own fault. */
    record Trapped(Trap trap, String message) implements Outcome {
    }

    /** The module could not be linked or instantiated, or the engine failed. */
    record Failed(String message) implements Outcome {
    }

    /** One run: what to call and the WASI world it sees. */
    record Run(String function, Val[] arguments, List<String> argv, Map<String, String> environment, byte[] stdin,
            Path stdout, Path stderr, Path preopened, String guestDirectory, Duration timeout) {
    }

    /** The result of a run and the fuel it used. */
    record Result(Outcome outcome, long fuelUsed) {
    }

    private final Engine engine;
    private final Linker linker;
    /** The instrumentation's hook (see {@link ExecutionGuard}), compiled once, instantiated in every run's store. */
    private final Module hookModule;
    private final EpochTicker ticker;

    WasmRuntime() {
        Config config = new Config().epochInterruption(true);
        this.engine = new Engine(config);
        this.linker = new Linker(engine);
        WasiCtx.addToLinker(linker);
        this.hookModule = new Module(engine, ExecutionGuard.HOOK_MODULE.getBytes(StandardCharsets.UTF_8));
        this.ticker = new EpochTicker("blixard-wasm-epoch", engine::incrementEpoch, TICK_MS);
    }

    private static Thread pinLibrary() {
        Thread pin = new Thread(WasmRuntime::keepLoaded, "blixard-wasm-library-pin");
        pin.setContextClassLoader(WasmRuntime.class.getClassLoader());
        try {
            Runtime.getRuntime().addShutdownHook(pin);
        } catch (IllegalStateException e) {
            // The JVM is exiting: nothing will collect the class loader any more.
        }
        return pin;
    }

    /** The pin's task: nothing to do at exit, it only has to be a class of this bundle. */
    private static void keepLoaded() {
        LOG.trace("JVM exits with {} still loaded", LIBRARY_PIN.getName());
    }

    /** Compiles an (instrumented) module binary. */
    Module compile(byte[] binary) {
        return Module.fromBinary(engine, binary);
    }

    /**
     * Runs a module to its end. Never throws for what the module does; the store, instances and functions are
     * disposed of before it returns.
     *
     * @param moduleImports the module's imports (from the cache: the engine's answer is slow)
     */
    Result run(Module module, List<ImportType> moduleImports, Run run, ExecutionGuard guard) {
        // No stdin file: wasmtime-java opens every stdio path with File::create, write-only and truncated, so a
        // module could never read it. Reads of fd 0 are answered by standardInput() instead (see Instrumentation).
        WasiCtxBuilder wasi = new WasiCtxBuilder().args(run.argv()).stdout(run.stdout()).stderr(run.stderr())
                .preopenedDir(run.preopened(), run.guestDirectory());
        run.environment().forEach(wasi::env);
        List<Disposable> owned = new ArrayList<>();
        ticker.acquire();
        try (Store<Void> store = new Store<>(null, engine, wasi.build())) {
            // One tick more than the timeout: the epoch may advance right after the deadline is set.
            store.setEpochDeadline(Math.max(1, run.timeout().toMillis() / TICK_MS) + 1);
            long fuelLeft = 0;
            Outcome outcome;
            try {
                Instance hooks = own(owned, new Instance(store, hookModule, List.of()));
                Memory state = own(owned, hooks.getMemory(store, "state").orElseThrow());
                guard.attach(state.buffer(store));
                List<Extern> imports = new ArrayList<>();
                for (ImportType wanted : moduleImports) {
                    Optional<Extern> found = resolve(store, wanted, hooks, run.stdin());
                    if (found.isEmpty()) {
                        return new Result(new Failed("the module imports " + wanted.module() + "." + wanted.name()
                                + ", which this node does not provide (it offers WASI preview 1, wasi_snapshot_preview1)"), 0);
                    }
                    imports.add(found.get());
                    if (found.get().type() == Extern.Type.FUNC) {
                        owned.add(found.get().func());
                    }
                }
                Instance instance = own(owned, new Instance(store, module, imports));
                try {
                    Func function = own(owned, instance.getFunc(store, run.function()).orElseThrow(
                            () -> new WasmtimeException("the module exports no function " + run.function())));
                    outcome = call(function, store, run.arguments());
                } finally {
                    fuelLeft = fuelLeft(instance, store, owned);
                }
            } catch (WasmFunctionError | WasmtimeException e) {
                outcome = outcome(e);
            } finally {
                guard.detach();
                // Last made, first gone: functions and memories before the instances they belong to.
                for (int i = owned.size() - 1; i >= 0; i--) {
                    owned.get(i).dispose();
                }
            }
            return new Result(outcome, guard.used(fuelLeft));
        } finally {
            ticker.release();
        }
    }

    private static <T extends Disposable> T own(List<Disposable> owned, T disposable) {
        owned.add(disposable);
        return disposable;
    }

    /** The backend's hooks for the instrumentation's imports, WASI from the linker for the rest. */
    private Optional<Extern> resolve(Store<Void> store, ImportType wanted, Instance hooks, byte[] stdin) {
        if (!wanted.module().equals(Instrumentation.HOST_MODULE)) {
            return linker.get(store, wanted.module(), wanted.name());
        }
        return switch (wanted.name()) {
            case Instrumentation.HOOK_FUNCTION -> hooks.getFunc(store, "hook").map(Extern::fromFunc);
            case Instrumentation.STDIN_FUNCTION -> Optional.of(Extern.fromFunc(standardInput(store, stdin)));
            default -> Optional.empty();
        };
    }

    /**
     * Reads of fd 0, WASI's {@code fd_read} without the descriptor: {@code (iovs, iovs_len, nread) -> errno}.
     * The job's stdin fills the module's buffers, then it reads as the end of the file.
     */
    private static Func standardInput(Store<Void> store, byte[] stdin) {
        ByteBuffer input = ByteBuffer.wrap(stdin);
        return new Func(store, STDIN_TYPE, (caller, params, results) -> {
            Memory memory = caller.getExport("memory").orElseThrow(
                    () -> new IllegalStateException("reading stdin needs the module to export its memory")).memory();
            ByteBuffer guest = memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN);
            int vectors = params[0].i32();
            int read = 0;
            for (int i = 0; i < params[1].i32() && input.hasRemaining(); i++) {
                int length = Math.min(guest.getInt(vectors + 8 * i + 4), input.remaining());
                guest.put(guest.getInt(vectors + 8 * i), stdin, input.position(), length);
                input.position(input.position() + length);
                read += length;
            }
            guest.putInt(params[2].i32(), read);
            results[0] = Val.fromI32(WASI_SUCCESS);
        });
    }

    private static Outcome call(Func function, Store<Void> store, Val[] arguments) {
        try {
            return new Returned(List.of(function.call(store, arguments)));
        } catch (WasmFunctionError | WasmtimeException e) {
            return outcome(e);
        }
    }

    private static Outcome outcome(RuntimeException e) {
        if (e instanceof WasmFunctionError.I32ExitError exit) {
            return new Exited(exit.exitCode());
        }
        if (e instanceof WasmFunctionError.TrapError trap) {
            return new Trapped(trap.trap(), trap.trap().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        // A hook's throw and wasmtime's own errors (a trap it has no code for, a failed link) come as this.
        return new Failed(String.valueOf(e.getMessage()));
    }

    /** What the module's fuel global holds at the end; 0 when it cannot be read. */
    private static long fuelLeft(Instance instance, Store<Void> store, List<Disposable> owned) {
        try {
            Optional<Func> left = instance.getFunc(store, Instrumentation.FUEL_LEFT_EXPORT);
            left.ifPresent(owned::add);
            return left.map(function -> function.call(store)[0].i64()).orElse(0L);
        } catch (RuntimeException e) {
            LOG.debug("Could not read the fuel a module used: {}", e.toString());
            return 0;
        }
    }

    /** Stops the ticker and releases the engine; nothing may run any more. */
    @Override
    public void close() {
        ticker.close();
        hookModule.dispose();
        linker.dispose();
        engine.dispose();
    }
}
