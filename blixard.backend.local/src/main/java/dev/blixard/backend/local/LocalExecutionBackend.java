package dev.blixard.backend.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.Health;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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
 * The {@code local} execution backend: a job's {@code command} runs as a process on this node, in a work
 * directory of its own, optionally sandboxed with bubblewrap and limited with prlimit, its output captured
 * within a cap. Whatever ends it (exit, timeout, cancel, this component stopping), no process of the job
 * survives and its work directory is removed.
 *
 * <p>A configuration change re-creates the component; what the old instance ran is stopped and given back to
 * the queue by the agent, as for any backend that goes away.
 */
@Component(service = ExecutionBackend.class, configurationPid = LocalExecutionBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LocalBackendConfig.class)
public final class LocalExecutionBackend implements ExecutionBackend {
    static final String PID = "blixard.backend.local";
    static final String TYPE = "local";

    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutionBackend.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final LocalBackendConfig config;
    private final NodeFacts node;
    private final Clock clock;
    private final PluginMetadata metadata;
    private final OperatingSystem os;
    private final WorkDirectories workDirectories;
    private final CommandPolicy policy;
    private final Sandbox sandbox;
    private final Isolation defaultIsolation;
    private final JobLimits defaultLimits;
    private final ScheduledExecutorService timers;
    private final ExecutorService pipes;
    private final ExecutionRegistry<LocalExecution> executions = new ExecutionRegistry<>(TYPE);
    private final Map<String, Path> workDirs = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean active = true;

    @Activate
    public LocalExecutionBackend(LocalBackendConfig config, BundleContext context) throws IOException {
        this(config, NodeFacts.of(context), Clock.systemUTC());
    }

    LocalExecutionBackend(LocalBackendConfig config, NodeFacts node, Clock clock) throws IOException {
        this.config = config;
        this.node = node;
        this.clock = clock;
        this.metadata = new PluginMetadata(TYPE, node.version(), "Blixard",
                "Runs a job's command as a local process: own work directory, optional bubblewrap sandbox and limits, bounded output.");
        this.defaultIsolation = Isolation.fromName(config.default_isolation());
        this.defaultLimits = JobLimits.defaults(config);
        this.os = OperatingSystem.load(node.searchPath());
        Path root = config.work_root().isBlank() ? node.defaultWorkRoot() : Path.of(config.work_root());
        this.workDirectories = WorkDirectories.open(root);
        this.policy = CommandPolicy.of(config.allowed_commands(), CommandPolicy.AnyCommand.fromName(config.any_command()),
                node.singleNode(), node.searchPath());
        this.sandbox = probeSandbox();
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("blixard-local-timer", new AtomicInteger()));
        this.pipes = Executors.newCachedThreadPool(threads("blixard-local-io-", new AtomicInteger()));
        timers.scheduleWithFixedDelay(this::sampleAll, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Local backend active: {} slots, work root {}, default isolation {}, sandbox {}, commands: {}",
                config.max_concurrent_executions(), workDirectories.root(), defaultIsolation.wireName(),
                sandbox.unavailableReason().orElse(sandbox.separateUid() ? "as uid " + sandbox.uid() : "as the node's user"),
                policy.allowsAnyCommand() ? "any" : "only " + policy.allowed());
        if (!policy.unresolved().isEmpty()) {
            LOG.warn("Local backend: allowed commands that name no executable on this node: {}", policy.unresolved());
        }
    }

    private Sandbox probeSandbox() throws IOException {
        Path scratch = workDirectories.create("sandbox-trial-" + UUID.randomUUID(), node.runningAsRoot() ? config.sandbox_uid() : -1);
        try {
            List<Path> hidden = new ArrayList<>(node.dataDirectory().map(List::of).orElse(List.of()));
            hidden.add(workDirectories.root());
            return Sandbox.probe(node.searchPath(), config.sandbox_uid(), node.runningAsRoot(), hidden, scratch);
        } finally {
            workDirectories.remove(scratch);
        }
    }

    /** Stops every process this instance started, waits for them to end, and leaves no thread or directory behind. */
    @Deactivate
    void deactivate() {
        active = false;
        List<CompletableFuture<ExecutionStatus>> ending = new ArrayList<>();
        for (LocalExecution execution : executions.all()) {
            if (execution.end(ExecutionState.CANCELLED, "local backend stopped while job "
                    + execution.handle().jobId() + " ran", true)) {
                ending.add(execution.completion());
            }
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(config.kill_grace_ms() + 10_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("Local backend: not every execution ended while stopping: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        pipes.shutdownNow();
        awaitTermination(timers);
        awaitTermination(pipes);
        workDirs.values().forEach(this::removeQuietly);
        LOG.info("Local backend stopped; {} running executions ended", ending.size());
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
            throw new ExecutionException("local backend is stopping; job " + job.id() + " not started", true);
        }
        PreparedJob prepared = prepare(job);
        if (running.incrementAndGet() > config.max_concurrent_executions()) {
            running.decrementAndGet();
            throw new ExecutionException("local backend is full (" + config.max_concurrent_executions()
                    + " processes); job " + job.id() + " not started", true);
        }
        ExecutionHandle handle = new ExecutionHandle(UUID.randomUUID().toString(), TYPE, job.id(),
                executionConfig.attempt(), clock.instant());
        Path workDir = null;
        try {
            workDir = workDirectories.create(handle.executionId(), prepared.ownerUid());
            workDirs.put(handle.executionId(), workDir);
            Path cwd = createWorkingDirectory(workDir, prepared);
            LaunchedCommand command = LaunchedCommand.of(os.setsid(),
                    prepared.isolation() == Isolation.SANDBOX ? Optional.of(sandbox.prefix(workDir, cwd)) : Optional.empty(),
                    os.prlimit(), prepared.limits(), prepared.program(), prepared.payload().command().subList(1, prepared.payload().command().size()),
                    environment(handle.executionId(), workDir, prepared, executionConfig));
            Duration timeout = prepared.payload().timeoutMillis().map(Duration::ofMillis)
                    .filter(own -> own.compareTo(executionConfig.timeout()) < 0).orElse(executionConfig.timeout());
            LocalExecution execution = LocalExecution.start(handle, command, describe(prepared, workDir, timeout), cwd,
                    prepared.payload().stdin().orElse(null), timeout, os.signals(), os.usage(), config.output_max_bytes(), clock,
                    Duration.ofMillis(config.kill_grace_ms()), timers, pipes, () -> afterEnd(handle));
            executions.add(execution);
            LOG.debug("Job {} attempt {} runs as local execution {} (pid {}): {}", job.id(), executionConfig.attempt(),
                    handle.executionId(), execution.pid(), command.argv());
            return handle;
        } catch (IOException | RuntimeException e) {
            running.decrementAndGet();
            if (workDir != null) {
                workDirs.remove(handle.executionId());
                removeQuietly(workDir);
            }
            throw new ExecutionException("job " + job.id() + " could not start on the local backend: " + e.getMessage(),
                    true, e);
        }
    }

    /** Everything decided before anything runs; a job refused here leaves no trace. */
    private PreparedJob prepare(Job job) throws ExecutionException {
        try {
            LocalPayload payload = LocalPayload.parse(job.payload());
            Isolation isolation = payload.isolation().orElse(defaultIsolation);
            if (isolation == Isolation.SANDBOX && !sandbox.available()) {
                throw new IllegalArgumentException("the sandbox is not available on this node: "
                        + sandbox.unavailableReason().orElse("unknown reason"));
            }
            Path program = policy.check(payload.command().get(0));
            JobLimits limits = payload.limits().orElse(defaultLimits);
            List<String> tooHigh = limits.aboveNode(os::hardLimit);
            if (!tooHigh.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", tooHigh));
            }
            int ownerUid = isolation == Isolation.SANDBOX && sandbox.separateUid() ? sandbox.uid() : -1;
            return new PreparedJob(payload, isolation, program, limits, ownerUid);
        } catch (IllegalArgumentException e) {
            throw new ExecutionException("job " + job.id() + " cannot run on the local backend: " + e.getMessage(), false);
        }
    }

    private static Path createWorkingDirectory(Path workDir, PreparedJob prepared) throws IOException {
        Path cwd = workDir.resolve(prepared.payload().workingDirectory()).normalize();
        Path created = workDir;
        for (Path part : workDir.relativize(cwd)) {
            created = created.resolve(part);
            if (!Files.isDirectory(created)) {
                Files.createDirectory(created);
                if (prepared.ownerUid() >= 0) {
                    Files.setAttribute(created, "unix:uid", prepared.ownerUid());
                    Files.setAttribute(created, "unix:gid", prepared.ownerUid());
                }
            }
        }
        return cwd;
    }

    /**
     * The job's whole environment: a small, predictable base (the node's own variables may hold secrets and are
     * not passed on), then what the node adds ({@code BLIXARD_JOB_ID}, ...), then the payload's {@code env}, and
     * last the execution's marker, which the job cannot override (it is how its stray processes are found).
     */
    private Map<String, String> environment(String executionId, Path workDir, PreparedJob prepared,
            ExecutionConfig executionConfig) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", node.searchPath());
        environment.put("HOME", workDir.toString());
        environment.put("TMPDIR", prepared.isolation() == Isolation.SANDBOX ? "/tmp" : workDir.toString());
        environment.put("LANG", "C.UTF-8");
        environment.putAll(executionConfig.environment());
        environment.putAll(prepared.payload().environment());
        environment.put(ProcessTree.MARKER_VARIABLE, executionId);
        return environment;
    }

    private String describe(PreparedJob prepared, Path workDir, Duration timeout) {
        ObjectNode setup = JSON.createObjectNode();
        setup.put("program", prepared.program().toString());
        setup.put("isolation", prepared.isolation().wireName());
        if (prepared.isolation() == Isolation.SANDBOX) {
            setup.put("uid", prepared.ownerUid() >= 0 ? prepared.ownerUid() : node.uid());
        }
        ObjectNode limits = setup.putObject("limits");
        for (JobLimits.Limit limit : JobLimits.Limit.values()) {
            prepared.limits().get(limit).ifPresent(value -> limits.put(limit.field, value));
        }
        setup.put("timeout_ms", timeout.toMillis());
        setup.put("work_dir", workDir.toString());
        return setup.toString();
    }

    private void afterEnd(ExecutionHandle handle) {
        running.decrementAndGet();
        Runnable removal = () -> {
            Path workDir = workDirs.remove(handle.executionId());
            if (workDir != null) {
                removeQuietly(workDir);
            }
        };
        if (config.work_dir_retention_ms() == 0) {
            removal.run();
        } else if (!timers.isShutdown()) {
            timers.schedule(removal, config.work_dir_retention_ms(), TimeUnit.MILLISECONDS);
        }
    }

    private void sampleAll() {
        if (running.get() == 0) {
            return;
        }
        ProcessTable table = ProcessTable.snapshot();
        for (LocalExecution execution : executions.all()) {
            try {
                execution.sample(table);
            } catch (RuntimeException e) {
                LOG.debug("Sampling job {} failed: {}", execution.handle().jobId(), e.toString());
            }
        }
    }

    @Override
    public ExecutionStatus status(ExecutionHandle handle) throws ExecutionException {
        return executions.find(handle).status();
    }

    @Override
    public void cancel(ExecutionHandle handle) throws ExecutionException {
        executions.find(handle).end(ExecutionState.CANCELLED, "job " + handle.jobId() + " cancelled", false);
    }

    @Override
    public CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) throws ExecutionException {
        return executions.completion(handle);
    }

    @Override
    public ResourceInfo resourceInfo() {
        return new ResourceInfo(os.total(workDirectories.root()), os.available(workDirectories.root()), running.get(),
                config.max_concurrent_executions(), Map.of("isolation.sandbox", Boolean.toString(sandbox.available())));
    }

    /**
     * A job for the {@code local} type is always taken (a bad payload then fails it with the reason); a job open
     * to any worker only when its payload is a local command, so other backends' jobs are left to them.
     */
    @Override
    public boolean canHandle(Job job, ExecutionConfig executionConfig) {
        if (!active) {
            return false;
        }
        if (job.workerTypes().contains(TYPE)) {
            return true;
        }
        if (!job.workerTypes().isEmpty()) {
            return false;
        }
        try {
            LocalPayload.parse(job.payload());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public BackendHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("isolation.none", "available");
        details.put("isolation.sandbox", sandbox.available()
                ? "available, " + (sandbox.separateUid() ? "as uid " + sandbox.uid() : "as the node's user in a user namespace")
                : "unavailable: " + sandbox.unavailableReason().orElse(""));
        details.put("isolation.default", defaultIsolation.wireName());
        details.put("commands", policy.allowsAnyCommand() ? "any (single-node development default or any.command=always)"
                : "allow-list: " + policy.allowed());
        if (!policy.unresolved().isEmpty()) {
            details.put("commands.unresolved", String.join(", ", policy.unresolved()));
        }
        details.put("limits.default", defaultLimits.isEmpty() ? "none" : defaultLimits.toString());
        details.put("limits.raise", "impossible: a job can only lower the node's own limits");
        details.put("work_root", workDirectories.root().toString());
        details.putAll(os.hostDetails(workDirectories.root()));
        String slots = running.get() + " of " + config.max_concurrent_executions() + " slots busy";
        Health health;
        if (!active) {
            health = Health.down("local backend stopping");
        } else if (defaultIsolation == Isolation.SANDBOX && !sandbox.available()) {
            health = new Health(dev.blixard.api.HealthState.DOWN, "the default isolation is sandbox, which is unavailable: "
                    + sandbox.unavailableReason().orElse(""), details, clock.instant());
        } else {
            health = new Health(dev.blixard.api.HealthState.UP, slots, details, clock.instant());
        }
        return new BackendHealth(health, "processes on " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    @Override
    public List<ExecutionHandle> executions() {
        return executions.handles();
    }

    @Override
    public int cleanup(Duration olderThan) {
        return executions.forgetEndedBefore(clock.instant().minus(olderThan), execution ->
                Optional.ofNullable(workDirs.remove(execution.handle().executionId())).ifPresent(this::removeQuietly)).size();
    }

    @Override
    public ExecutionMetadata metadata(ExecutionHandle handle) throws ExecutionException {
        LocalExecution execution = executions.find(handle);
        return new ExecutionMetadata(handle, execution.status().state(), execution.attributes());
    }

    private void removeQuietly(Path workDir) {
        try {
            workDirectories.remove(workDir);
        } catch (RuntimeException e) {
            LOG.warn("Local backend: {}", e.getMessage(), e.getCause());
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Local backend: threads still running 5 s after stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name, AtomicInteger counter) {
        return runnable -> {
            Thread thread = new Thread(runnable, name.endsWith("-") ? name + counter.incrementAndGet() : name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A job checked and ready to start. */
    private record PreparedJob(LocalPayload payload, Isolation isolation, Path program, JobLimits limits, int ownerUid) {
    }
}
