package dev.blixard.backend.wasm;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionMetadata;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionRegistry;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.PluginMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code wasm} execution backend: a job's WebAssembly module runs on wasmtime (one engine per component)
 * with WASI preview 1 in a directory of its own, limited in time (epoch interruption), memory and optionally
 * fuel, with its compiled module cached for the next run. Whatever ends a run (return, exit, trap, timeout,
 * cancel, this component stopping), its directory is removed and its store with everything in it disposed of.
 *
 * <p>A configuration change re-creates the component; what the old instance ran is stopped and given back to
 * the queue by the agent, as for any backend that goes away.
 */
@Component(service = ExecutionBackend.class, configurationPid = WasmExecutionBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WasmBackendConfig.class)
public final class WasmExecutionBackend implements ExecutionBackend {
    static final String PID = "blixard.backend.wasm";
    static final String TYPE = "wasm";

    private static final Logger LOG = LoggerFactory.getLogger(WasmExecutionBackend.class);
    private static final String DATA_DIR_PROPERTY = "blixard.data.dir";
    /** How long deactivation waits for running modules to reach their next fuel slice and stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final WasmBackendConfig config;
    private final Clock clock;
    private final PluginMetadata metadata;
    private final WasmRuntime runtime;
    private final ModuleCache cache;
    private final ModuleSources sources;
    private final ExecutionDirectories directories;
    private final WasmExecution.Context context;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;
    private final ExecutionRegistry<WasmExecution> executions = new ExecutionRegistry<>(TYPE);
    private final AtomicInteger running = new AtomicInteger();
    private final OptionalLong defaultFuel;
    private volatile boolean active = true;

    @Activate
    public WasmExecutionBackend(WasmBackendConfig config, BundleContext context) throws IOException {
        this(config, context.getBundle().getVersion().toString(),
                Optional.ofNullable(context.getProperty(DATA_DIR_PROPERTY)).filter(dir -> !dir.isBlank()).map(Path::of),
                Clock.systemUTC());
    }

    /**
     * @param dataDirectory the node's data directory, under which the work root and the module directory are
     *        by default; empty outside a node
     */
    WasmExecutionBackend(WasmBackendConfig config, String version, Optional<Path> dataDirectory, Clock clock)
            throws IOException {
        this.config = config;
        this.clock = clock;
        this.metadata = new PluginMetadata(TYPE, version, "Blixard",
                "Runs a job's WebAssembly module on wasmtime with WASI: own directory, memory, time and fuel limits, compiled-module cache.");
        this.defaultFuel = config.default_fuel() > 0 ? OptionalLong.of(config.default_fuel()) : OptionalLong.empty();
        Path workRoot = config.work_root().isBlank()
                ? dataDirectory.map(dir -> dir.resolve("work").resolve(TYPE))
                        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "blixard-wasm-work"))
                : Path.of(config.work_root());
        List<Path> leftovers = new ArrayList<>();
        this.directories = ExecutionDirectories.open(workRoot, leftovers);
        if (!leftovers.isEmpty()) {
            LOG.info("Removed {} execution directories an earlier run left in {}", leftovers.size(), directories.root());
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("blixard-wasm-timer", null));
        this.sources = new ModuleSources(moduleDirectory(config, dataDirectory),
                ModuleSources.findExecutable(config.wat2wasm_command()), config.module_max_mb() * 1024 * 1024, timers);
        // Each run holds its thread for as long as the module runs: as many threads as slots, made when needed.
        this.workers = new ThreadPoolExecutor(config.max_concurrent_executions(), config.max_concurrent_executions(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("blixard-wasm-", new AtomicInteger()));
        workers.allowCoreThreadTimeOut(true);
        WasmRuntime engine;
        try {
            engine = new WasmRuntime();
        } catch (RuntimeException | LinkageError e) {
            timers.shutdownNow();
            workers.shutdownNow();
            throw new IOException("the wasmtime engine cannot start on this node: " + e, e);
        }
        this.runtime = engine;
        this.cache = new ModuleCache(config.cache_max_modules(), runtime::compile);
        this.context = new WasmExecution.Context(runtime, cache, directories, config.output_max_bytes(), clock);
        LOG.info("Wasm backend active: {} slots, memory limit {} MiB, fuel {}, work root {}, module directory {}, wat2wasm {}",
                config.max_concurrent_executions(), config.memory_max_mb(),
                defaultFuel.isPresent() ? defaultFuel.getAsLong() + " by default" : "unlimited by default",
                directories.root(), sources.moduleDirectory().map(Path::toString).orElse("none"),
                sources.wat2wasm().map(Path::toString).orElse("not found (\"wat\" jobs refused)"));
    }

    /** The configured module directory (created when missing), or DATA_DIR/wasm/modules in a node, as a real path. */
    private static Optional<Path> moduleDirectory(WasmBackendConfig config, Optional<Path> dataDirectory) throws IOException {
        Optional<Path> directory = config.module_dir().isBlank()
                ? dataDirectory.map(dir -> dir.resolve(TYPE).resolve("modules"))
                : Optional.of(Path.of(config.module_dir()));
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(directory.get());
        return Optional.of(directory.get().toRealPath());
    }

    /**
     * Stops every module this instance runs (they reach their next fuel slice within milliseconds), waits for
     * them, and leaves no thread, store, module or directory behind.
     */
    @Deactivate
    void deactivate() {
        active = false;
        List<CompletableFuture<ExecutionStatus>> ending = new ArrayList<>();
        for (WasmExecution execution : executions.all()) {
            if (execution.stop(ExecutionState.CANCELLED, "wasm backend stopped while job " + execution.handle().jobId()
                    + " ran", true)) {
                ending.add(execution.completion());
            }
        }
        workers.shutdown();
        boolean stopped = false;
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            stopped = workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("Wasm backend: not every execution ended while stopping: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        try {
            if (!timers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Wasm backend: its timer thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.close();
        if (stopped) {
            runtime.close();
            try {
                directories.removeAll();
            } catch (IOException e) {
                LOG.warn("Wasm backend: its execution directories under {} could not all be removed: {}", directories.root(),
                        e.toString());
            }
        } else {
            // A module still inside a blocking WASI call (a sleep) holds its store: freeing the engine under it would
            // crash the node, so the engine is left to the garbage collector's mercy instead.
            LOG.warn("Wasm backend: a module is still running after {} s; its engine is not freed", STOP_WAIT.toSeconds());
            workers.shutdownNow();
        }
        LOG.info("Wasm backend stopped; {} running executions ended", ending.size());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PluginMetadata metadata() {
        return metadata;
    }

    @Override
    public ExecutionHandle submit(Job job, ExecutionConfig executionConfig) throws ExecutionException {
        if (!active) {
            throw new ExecutionException("wasm backend is stopping; job " + job.id() + " not started", true);
        }
        WasmPayload payload;
        ModuleSources.Located module;
        long memoryLimitMb;
        try {
            payload = WasmPayload.parse(job.payload());
            memoryLimitMb = memoryLimit(payload);
            module = sources.locate(payload.source());
        } catch (IllegalArgumentException e) {
            throw new ExecutionException("job " + job.id() + " cannot run on the wasm backend: " + e.getMessage(), false);
        }
        if (running.incrementAndGet() > config.max_concurrent_executions()) {
            running.decrementAndGet();
            throw new ExecutionException("wasm backend is full (" + config.max_concurrent_executions()
                    + " modules running); job " + job.id() + " not started", true);
        }
        ExecutionHandle handle = new ExecutionHandle(UUID.randomUUID().toString(), TYPE, job.id(),
                executionConfig.attempt(), clock.instant());
        Map<String, String> environment = new LinkedHashMap<>(executionConfig.environment());
        environment.putAll(payload.environment());
        OptionalLong fuel = payload.fuel().map(OptionalLong::of).orElse(defaultFuel);
        WasmExecution execution = new WasmExecution(handle, payload, module, environment,
                WasmExecution.timeout(payload, executionConfig.timeout()), fuel, memoryLimitMb, context, running::decrementAndGet);
        executions.add(execution);
        try {
            workers.execute(execution::run);
        } catch (RejectedExecutionException e) {
            executions.forget(handle);
            running.decrementAndGet();
            throw new ExecutionException("wasm backend is stopping; job " + job.id() + " not started", true);
        }
        LOG.debug("Job {} attempt {} runs as wasm execution {}: {} {}", job.id(), executionConfig.attempt(),
                handle.executionId(), module.name(), payload.function());
        return handle;
    }

    /** A job may lower the node's memory limit, never raise it. */
    private long memoryLimit(WasmPayload payload) {
        long asked = payload.memoryMb().orElse(config.memory_max_mb());
        if (asked > config.memory_max_mb()) {
            throw new IllegalArgumentException("\"memory_mb\": " + asked + " MiB is above this node's limit of "
                    + config.memory_max_mb() + " MiB");
        }
        return asked;
    }


    @Override
    public ExecutionStatus status(ExecutionHandle handle) throws ExecutionException {
        return executions.find(handle).status();
    }

    @Override
    public void cancel(ExecutionHandle handle) throws ExecutionException {
        executions.find(handle).stop(ExecutionState.CANCELLED, "job " + handle.jobId() + " cancelled", false);
    }

    @Override
    public CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) throws ExecutionException {
        return executions.completion(handle);
    }

    /** CPUs of the JVM, the memory of every slot at the memory limit, the work root's disk; minus what runs. */
    @Override
    public ResourceInfo resourceInfo() {
        int busy = running.get();
        long freeDiskMb = freeDiskMb();
        Resources total = new Resources(Runtime.getRuntime().availableProcessors(),
                config.memory_max_mb() * config.max_concurrent_executions(), freeDiskMb);
        Resources used = new Resources(Math.min(busy, total.cpu()), config.memory_max_mb() * busy, 0);
        return new ResourceInfo(total, total.minus(used), busy, config.max_concurrent_executions(),
                Map.of("engine", WasmRuntime.ENGINE, "wasi", "preview1"));
    }

    private long freeDiskMb() {
        try {
            return Files.getFileStore(directories.root()).getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A job for the {@code wasm} type is always taken (a bad payload then fails it with the reason); a job open
     * to any worker only when its payload is a wasm module, so other backends' jobs are left to them.
     */
    @Override
    public boolean canHandle(Job job, ExecutionConfig executionConfig) {
        boolean forAnyWorker = job.workerTypes().isEmpty();
        return active && (job.workerTypes().contains(TYPE) || forAnyWorker && isWasmPayload(job.payload()));
    }

    private static boolean isWasmPayload(String payload) {
        try {
            return WasmPayload.parse(payload) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public BackendHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("slots", running.get() + " of " + config.max_concurrent_executions() + " busy");
        details.put("cache.entries", cache.size() + " of " + config.cache_max_modules());
        details.put("cache.hits", Long.toString(cache.hits()));
        details.put("cache.misses", Long.toString(cache.misses()));
        details.put("limits.memory_mb", Long.toString(config.memory_max_mb()));
        details.put("limits.fuel", defaultFuel.isPresent() ? defaultFuel.getAsLong() + " by default" : "unlimited by default");
        details.put("work_root", directories.root().toString());
        details.put("module_dir", sources.moduleDirectory().map(Path::toString).orElse("none"));
        details.put("wat2wasm", sources.wat2wasm().map(Path::toString).orElse("not found: \"wat\" jobs are refused"));
        Health health = active
                ? new Health(HealthState.UP, running.get() + " of " + config.max_concurrent_executions() + " slots busy",
                        details, clock.instant())
                : new Health(HealthState.DOWN, "wasm backend stopping", details, clock.instant());
        return new BackendHealth(health, WasmRuntime.ENGINE);
    }

    @Override
    public List<ExecutionHandle> executions() {
        return executions.handles();
    }

    @Override
    public int cleanup(Duration olderThan) {
        return executions.forgetEndedBefore(clock.instant().minus(olderThan)).size();
    }

    @Override
    public ExecutionMetadata metadata(ExecutionHandle handle) throws ExecutionException {
        WasmExecution execution = executions.find(handle);
        return new ExecutionMetadata(handle, execution.status().state(), execution.attributes());
    }

    /** Daemon threads named {@code name}, numbered when a counter is given. */
    private static ThreadFactory threads(String name, AtomicInteger counter) {
        return runnable -> {
            Thread thread = new Thread(runnable, counter == null ? name : name + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
