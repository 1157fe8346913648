package dev.blixard.backend.wasm;

import dev.blixard.api.backend.ExecutionState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The limits of one execution and how it is stopped: the host side of the instrumentation's hook (see
 * {@link Instrumentation}). The hook itself is WebAssembly, {@link #HOOK_MODULE}, instantiated in each run's
 * store next to the job's module: a host function would do, but wasmtime 7 compiles a trampoline for every
 * host function made (about 0.25 ms, more than a small module's whole run). The hook hands out fuel in slices,
 * checks memory growth against the limit, and traps when its state says to stop.
 *
 * <p>Its state is a page of its own memory, which this class reads and writes directly: the store is locked for
 * the whole of a run, so a cancel from another thread (or the backend stopping) cannot go through wasmtime; it
 * sets the stop flag in that memory, and the module traps at its next slice, within about a millisecond of work.
 * The memory is only touched while attached (between {@link #attach} and {@link #detach}, both on the running
 * thread), under this object's lock, so a late cancel never writes to a store that is gone.
 */
final class ExecutionGuard {

    /** Fuel handed out at a time: about a millisecond of work between two looks at the stop flag. */
    static final long SLICE = 1_000_000;

    private static final int STOP = 0;
    private static final int WHY = 4;
    private static final int FUEL_LIMIT = 8;
    private static final int GRANTED = 16;
    private static final int MEMORY_LIMIT_PAGES = 24;
    private static final int PAGES_ASKED = 32;
    private static final int OUT_OF_FUEL = 1;
    private static final int MEMORY_LIMIT = 2;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The hook, {@code hook(what, value) -> i64} (what: {@value Instrumentation#FUEL} or
     * {@value Instrumentation#GROWING}), and its state, exported as {@code state}: at {@value #STOP} the stop flag
     * (i32), at {@value #WHY} why it trapped itself (i32: 1 out of fuel, 2 memory limit), at {@value #FUEL_LIMIT}
     * the fuel limit (i64, -1 for none), at {@value #GRANTED} the fuel handed out so far (i64), at
     * {@value #MEMORY_LIMIT_PAGES} the memory limit in pages (i64), at {@value #PAGES_ASKED} the pages asked for
     * when the memory limit stopped a run (i64). Fuel: the global went below zero at {@code value}, so the fuel
     * used is what was handed out minus it; the answer is the next allowance, a slice or what is left of the limit.
     */
    static final String HOOK_MODULE = ("(module"
            + " (memory (export \"state\") 1)"
            + " (func (export \"hook\") (param $what i32) (param $value i64) (result i64) (local $used i64) (local $allowance i64)"
            + "  (if (i32.load (i32.const STOP)) (then unreachable))"
            + "  (if (i32.eq (local.get $what) (i32.const GROWING)) (then"
            + "    (if (i64.gt_u (local.get $value) (i64.load (i32.const MEMORY_LIMIT_PAGES))) (then"
            + "      (i64.store (i32.const PAGES_ASKED) (local.get $value))"
            + "      (i32.store (i32.const WHY) (i32.const MEMORY_LIMIT)) unreachable))"
            + "    (return (i64.const 0))))"
            + "  (local.set $used (i64.sub (i64.load (i32.const GRANTED)) (local.get $value)))"
            + "  (local.set $allowance (i64.const SLICE))"
            + "  (if (i64.ge_s (i64.load (i32.const FUEL_LIMIT)) (i64.const 0)) (then"
            + "    (local.set $allowance (i64.sub (i64.load (i32.const FUEL_LIMIT)) (local.get $used)))"
            + "    (if (i64.lt_s (local.get $allowance) (i64.const 0)) (then"
            + "      (i32.store (i32.const WHY) (i32.const OUT_OF_FUEL)) unreachable))"
            + "    (if (i64.gt_s (local.get $allowance) (i64.const SLICE)) (then (local.set $allowance (i64.const SLICE))))))"
            + "  (i64.store (i32.const GRANTED) (i64.add (local.get $used) (local.get $allowance)))"
            + "  (local.get $allowance)))")
            .replace("STOP", Integer.toString(STOP)).replace("WHY", Integer.toString(WHY))
            .replace("FUEL_LIMIT", Integer.toString(FUEL_LIMIT)).replace("GRANTED", Integer.toString(GRANTED))
            .replace("MEMORY_LIMIT_PAGES", Integer.toString(MEMORY_LIMIT_PAGES))
            .replace("PAGES_ASKED", Integer.toString(PAGES_ASKED)).replace("OUT_OF_FUEL", Integer.toString(OUT_OF_FUEL))
            .replace("MEMORY_LIMIT", Integer.toString(MEMORY_LIMIT)).replace("GROWING", Integer.toString(Instrumentation.GROWING))
            .replace("SLICE", Long.toString(SLICE));

    /** Why an execution ended before its module did. */
    record Ending(ExecutionState state, String reason, boolean retryable) {
    }

    /** Set once the module's run is over: a stop asked for later is too late to change how it ended. */
    private static final Ending OVER = new Ending(ExecutionState.SUCCEEDED, "over", false);

    private final OptionalLong fuelLimit;
    private final long memoryLimitMb;
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    /** The hook's state while a run has it; guarded by this object. */
    private ByteBuffer state;
    /** The fuel handed out, read when the run was over. */
    private long granted;

    ExecutionGuard(OptionalLong fuelLimit, long memoryLimitMb) {
        this.fuelLimit = fuelLimit;
        this.memoryLimitMb = memoryLimitMb;
    }

    /** Gives the hook its limits, before the module runs; a stop already asked for stops it at once. */
    synchronized void attach(ByteBuffer hookState) {
        state = hookState.order(ByteOrder.LITTLE_ENDIAN);
        state.putLong(FUEL_LIMIT, fuelLimit.orElse(-1)).putLong(GRANTED, 0)
                .putLong(MEMORY_LIMIT_PAGES, memoryLimitMb * ModuleFacts.PAGES_PER_MIB).putInt(WHY, 0);
        INT.setVolatile(state, STOP, ending().isPresent() ? 1 : 0);
    }

    /** Reads back what the hook did, once the module stopped running and before its store goes. */
    synchronized void detach() {
        if (state == null) {
            return;
        }
        granted = state.getLong(GRANTED);
        int why = state.getInt(WHY);
        long pagesAsked = state.getLong(PAGES_ASKED);
        state = null;
        if (why == OUT_OF_FUEL) {
            stop(ExecutionState.FAILED, "ran out of fuel after " + fuelLimit.orElse(0) + " units", false);
        } else if (why == MEMORY_LIMIT) {
            stop(ExecutionState.FAILED, "memory limit of " + memoryLimitMb + " MiB reached: the module asked to grow its "
                    + "memory to " + (pagesAsked + ModuleFacts.PAGES_PER_MIB - 1) / ModuleFacts.PAGES_PER_MIB + " MiB", false);
        }
    }

    /**
     * Asks the module to stop at its next slice; the first ending asked for (or reached) stands.
     *
     * @return whether this call decided the ending
     */
    boolean stop(ExecutionState state, String reason, boolean retryable) {
        if (!ending.compareAndSet(null, new Ending(state, reason, retryable))) {
            return false;
        }
        synchronized (this) {
            if (this.state != null) {
                INT.setVolatile(this.state, STOP, 1);
            }
        }
        return true;
    }

    /** @return the ending asked for so far, if any */
    Optional<Ending> ending() {
        return Optional.ofNullable(ending.get()).filter(asked -> asked != OVER);
    }

    /**
     * Marks the run as over.
     *
     * @return the ending asked for (or reached by the hook) before that, which decides how the execution ended
     */
    Optional<Ending> over() {
        return ending.compareAndSet(null, OVER) ? Optional.empty() : ending();
    }

    /** @return the fuel the module used, given what its fuel global held at the end; after {@link #detach} */
    synchronized long used(long left) {
        return Math.max(0, Math.min(granted, granted - left));
    }

    long memoryLimitMb() {
        return memoryLimitMb;
    }
}
