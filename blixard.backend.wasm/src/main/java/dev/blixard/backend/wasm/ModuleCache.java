package dev.blixard.backend.wasm;

import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Module;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled modules by the SHA-256 of their source, so a module that runs again is neither instrumented nor
 * compiled again (compiling takes milliseconds to seconds; running a small module, well under one). At most
 * {@code maxEntries} are kept, the least recently used dropped first. A dropped module is disposed of once the
 * last execution using it has released it: modules are native objects the garbage collector does not free.
 *
 * <p>Two executions missing the same module at once compile it once: the second waits for the first.
 */
final class ModuleCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleCache.class);

    /** A compiled module and its facts, with the executions using it counted. */
    static final class Entry {
        private final String key;
        private final Module module;
        /** The compiled module's imports, asked of the engine once: a JNI call that costs as much as a small run. */
        private final List<ImportType> imports;
        private final ModuleFacts facts;
        private final long compileNanos;
        /** Guarded by the cache. */
        private int users;
        private boolean dropped;

        private Entry(String key, Module module, ModuleFacts facts, long compileNanos) {
            this.key = key;
            this.module = module;
            this.imports = List.of(module.imports());
            this.facts = facts;
            this.compileNanos = compileNanos;
        }

        String key() {
            return key;
        }

        Module module() {
            return module;
        }

        List<ImportType> imports() {
            return imports;
        }

        ModuleFacts facts() {
            return facts;
        }

        long compileNanos() {
            return compileNanos;
        }
    }

    /** An entry in use, and whether this use found it compiled. */
    record Use(Entry entry, boolean hit) {
    }

    private final int maxEntries;
    private final Function<byte[], Module> compiler;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Void>> compiling = new HashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private boolean closed;

    /** @param compiler compiles an instrumented binary (the engine's) */
    ModuleCache(int maxEntries, Function<byte[], Module> compiler) {
        this.maxEntries = maxEntries;
        this.compiler = compiler;
    }

    /**
     * The compiled module for {@code key}, compiled from {@code binary} if it is not cached. Release it with
     * {@link #release} once the run is over.
     *
     * @param binary supplies the module's binary on a miss (it may assemble text or read a file)
     * @throws InvalidModuleException when the module cannot be read, instrumented or compiled
     */
    Use acquire(String key, Supplier<byte[]> binary) {
        while (true) {
            CompletableFuture<Void> ongoing;
            boolean mine = false;
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the module cache is closed");
                }
                Entry cached = entries.get(key);
                if (cached != null) {
                    cached.users++;
                    hits.incrementAndGet();
                    return new Use(cached, true);
                }
                ongoing = compiling.get(key);
                if (ongoing == null) {
                    ongoing = new CompletableFuture<>();
                    compiling.put(key, ongoing);
                    mine = true;
                }
            }
            if (mine) {
                return new Use(load(key, binary, ongoing), false);
            }
            // Another execution compiles it: wait, then take it from the cache (or fail as it did).
            try {
                ongoing.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    private Entry load(String key, Supplier<byte[]> binary, CompletableFuture<Void> ongoing) {
        misses.incrementAndGet();
        Entry entry;
        try {
            byte[] original = binary.get();
            ModuleFacts facts = ModuleFacts.read(original);
            byte[] instrumented = Instrumentation.apply(original);
            long start = System.nanoTime();
            Module module;
            try {
                module = compiler.apply(instrumented);
            } catch (RuntimeException e) {
                throw new InvalidModuleException("the module does not compile: " + e.getMessage());
            }
            entry = new Entry(key, module, facts, System.nanoTime() - start);
            LOG.debug("Compiled module {} ({} bytes, {} instrumented) in {} ms", key, original.length,
                    instrumented.length, entry.compileNanos / 1_000_000);
        } catch (RuntimeException e) {
            synchronized (this) {
                compiling.remove(key);
            }
            ongoing.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            compiling.remove(key);
            entry.users = 1;
            if (closed) {
                entry.dropped = true;
            } else {
                entries.put(key, entry);
                dropBeyondLimit();
            }
        }
        ongoing.complete(null);
        return entry;
    }

    private void dropBeyondLimit() {
        for (Iterator<Entry> eldest = entries.values().iterator(); entries.size() > maxEntries && eldest.hasNext();) {
            Entry entry = eldest.next();
            eldest.remove();
            drop(entry);
        }
    }

    private void drop(Entry entry) {
        entry.dropped = true;
        if (entry.users == 0) {
            entry.module.dispose();
        }
    }

    /** The run using {@code entry} is over. */
    synchronized void release(Entry entry) {
        entry.users--;
        if (entry.dropped && entry.users == 0) {
            entry.module.dispose();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    /** Drops every module; those still in use are disposed of when released. */
    @Override
    public synchronized void close() {
        closed = true;
        entries.values().forEach(this::drop);
        entries.clear();
    }
}
