package dev.blixard.backend.docker;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionMetadata;
import dev.blixard.api.backend.ExecutionRegistry;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.PluginMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
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
 * The {@code docker} execution backend: a job runs as a container on a Docker engine (through its API with
 * docker-java), limited in memory, CPU and processes, on network {@code none} unless allowed otherwise, with
 * bind mounts only from an allow-list. Every container is labelled with its job, execution and node and is
 * removed once its result has been read; whatever ends a job (exit, timeout, cancel, this component stopping)
 * kills its container first. Containers an earlier run on this node left behind (a crash) are removed when the
 * engine is first reached.
 *
 * <p>A configuration change re-creates the component; what the old instance ran is stopped and given back to
 * the queue by the agent, as for any backend that goes away.
 */
@Component(service = ExecutionBackend.class, configurationPid = DockerExecutionBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DockerBackendConfig.class)
public final class DockerExecutionBackend implements ExecutionBackend {
    static final String PID = "blixard.backend.docker";
    static final String TYPE = "docker";
    static final String NODE_ID_PROPERTY = "blixard.node.id";

    private static final Logger LOG = LoggerFactory.getLogger(DockerExecutionBackend.class);
    /** How long deactivation waits for killed containers to be removed. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final DockerBackendConfig config;
    private final String nodeId;
    private final Clock clock;
    private final PluginMetadata metadata;
    private final MountPolicy mounts;
    private final List<String> networks;
    private final DockerEngine engine;
    private final BackendThreads threads;
    private final DockerExecution.Context context;
    private final ExecutionRegistry<DockerExecution> executions = new ExecutionRegistry<>(TYPE);
    private final AtomicInteger running = new AtomicInteger();
    private volatile EngineStatus engineStatus;
    private volatile boolean leftoversRemoved;
    private volatile boolean active = true;

    @Activate
    public DockerExecutionBackend(DockerBackendConfig config, BundleContext context) {
        this(config, nodeIdOf(context), context.getBundle().getVersion().toString(), Clock.systemUTC());
    }

    /** @param nodeId the label that marks this node's containers; unique per node sharing an engine */
    DockerExecutionBackend(DockerBackendConfig config, String nodeId, String version, Clock clock) {
        this.config = config;
        this.nodeId = nodeId;
        this.clock = clock;
        this.metadata = new PluginMetadata(TYPE, version, "Blixard",
                "Runs a job as a container through the Docker Engine API: limits, network none by default, mounts from an allow-list, removed when done.");
        PullPolicy pullPolicy = PullPolicy.fromName(config.pull_policy());
        this.mounts = MountPolicy.of(config.allowed_mounts());
        this.networks = List.of(config.allowed_networks());
        Duration apiTimeout = Duration.ofMillis(config.api_timeout_ms());
        this.engine = DockerEngine.connect(config.docker_host(), apiTimeout, 3 * config.max_concurrent_executions() + 4);
        this.threads = new BackendThreads(config.max_concurrent_executions());
        this.context = new DockerExecution.Context(engine, pullPolicy, config.output_max_bytes(), clock, threads.timers());
        // One probe now, so that health and submit know the engine from the start (bounded by the API timeout);
        // then in the background.
        refreshEngineStatus();
        threads.every(Duration.ofMillis(config.health_refresh_ms()), this::refreshEngineStatus);
        LOG.info("Docker backend active on node {}: engine {} ({}), {} slots, pull policy {}, networks {}, mounts under {}",
                nodeId, engine.host(), engineStatus.facts().map(DockerEngine.Facts::describe)
                        .orElse("unreachable: " + engineStatus.unreachable().orElse("")),
                config.max_concurrent_executions(), pullPolicy.wireName, networks, mounts.allowed());
    }

    private static String nodeIdOf(BundleContext context) {
        String id = context.getProperty(NODE_ID_PROPERTY);
        return id == null || id.isBlank() ? "local" : id;
    }

    /** Pings the engine; the first time it answers, removes what an earlier run on this node left there. */
    private void refreshEngineStatus() {
        EngineStatus status;
        try {
            status = EngineStatus.reachable(engine.probe(), clock.instant());
        } catch (RuntimeException e) {
            status = EngineStatus.unreachable(e, clock.instant());
        }
        EngineStatus before = engineStatus;
        if (before != null && before.isReachable() != status.isReachable()) {
            LOG.warn("Docker backend: the engine at {} is {}", engine.host(),
                    status.isReachable() ? "reachable again" : "unreachable: " + status.unreachable().orElse(""));
            if (status.isReachable()) {
                engine.reconnect(); // before jobs are let through again
            }
        }
        engineStatus = status;
        if (status.isReachable() && !leftoversRemoved) {
            try {
                List<String> removed = engine.removeLeftovers(nodeId);
                leftoversRemoved = true;
                if (!removed.isEmpty()) {
                    LOG.info("Docker backend: removed {} containers an earlier run on node {} left behind", removed.size(), nodeId);
                }
            } catch (RuntimeException e) {
                LOG.warn("Docker backend: removing containers left on node {} failed (tried again later): {}", nodeId,
                        EngineStatus.reason(e));
            }
        }
    }

    /** Kills every container this instance runs, waits until each is removed, and leaves no thread behind. */
    @Deactivate
    void deactivate() {
        active = false;
        List<CompletableFuture<ExecutionStatus>> ending = new ArrayList<>();
        for (DockerExecution execution : executions.all()) {
            if (execution.end(ExecutionState.CANCELLED, "docker backend stopped while job " + execution.handle().jobId() + " ran", true)) {
                ending.add(execution.completion());
            }
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(STOP_WAIT.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("Docker backend: not every container was removed within {} s of stopping: {}", STOP_WAIT.toSeconds(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.close();
        engine.close();
        LOG.info("Docker backend stopped on node {}; {} running containers killed and removed", nodeId, ending.size());
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
            throw new ExecutionException("docker backend is stopping; job " + job.id() + " not started", true);
        }
        ExecutionHandle handle = new ExecutionHandle(UUID.randomUUID().toString(), TYPE, job.id(), executionConfig.attempt(),
                clock.instant());
        ContainerSpec spec = prepare(job, handle, executionConfig);
        EngineStatus status = engineStatus;
        if (!status.isReachable()) {
            throw new ExecutionException("the Docker engine at " + engine.host() + " is unreachable ("
                    + status.unreachable().orElse("") + "); job " + job.id() + " not started", true);
        }
        if (running.incrementAndGet() > config.max_concurrent_executions()) {
            running.decrementAndGet();
            throw new ExecutionException("docker backend is full (" + config.max_concurrent_executions()
                    + " containers); job " + job.id() + " not started", true);
        }
        DockerExecution execution = new DockerExecution(handle, spec, context, running::decrementAndGet);
        executions.add(execution);
        try {
            threads.run(execution::run);
        } catch (RejectedExecutionException e) {
            executions.forget(handle);
            running.decrementAndGet();
            throw new ExecutionException("docker backend is stopping; job " + job.id() + " not started", true);
        }
        LOG.debug("Job {} attempt {} runs as docker execution {}: image {}", job.id(), executionConfig.attempt(),
                handle.executionId(), spec.payload().image());
        return handle;
    }

    /** Everything decided before the engine is asked anything; a job refused here leaves no trace. */
    private ContainerSpec prepare(Job job, ExecutionHandle handle, ExecutionConfig executionConfig) throws ExecutionException {
        try {
            DockerPayload payload = DockerPayload.parse(job.payload());
            ContainerLimits limits = ContainerLimits.resolve(payload.limits(), executionConfig.resources(), config);
            String network = payload.network().orElse("none");
            if (!networks.contains(network)) {
                throw new IllegalArgumentException("\"network\": \"" + network + "\" is not allowed on this node (allowed: "
                        + networks + ")");
            }
            List<ContainerSpec.ResolvedMount> binds = new ArrayList<>();
            for (int i = 0; i < payload.mounts().size(); i++) {
                DockerPayload.Mount mount = payload.mounts().get(i);
                binds.add(new ContainerSpec.ResolvedMount(mounts.check("mounts[" + i + "].source", mount.source()),
                        mount.target(), mount.readOnly()));
            }
            Map<String, String> environment = new LinkedHashMap<>(executionConfig.environment());
            environment.putAll(payload.environment());
            Duration timeout = payload.timeoutMillis().stream().mapToObj(Duration::ofMillis)
                    .filter(own -> own.compareTo(executionConfig.timeout()) < 0).findFirst().orElse(executionConfig.timeout());
            Map<String, String> labels = Map.of(DockerEngine.LABEL_BACKEND, TYPE, DockerEngine.LABEL_NODE, nodeId,
                    DockerEngine.LABEL_JOB, job.id(), DockerEngine.LABEL_EXECUTION, handle.executionId());
            long logMaxBytes = Math.max(1 << 20, 2L * config.output_max_bytes());
            return new ContainerSpec(payload, limits, List.copyOf(binds), network, environment, labels, timeout, logMaxBytes);
        } catch (IllegalArgumentException e) {
            throw new ExecutionException("job " + job.id() + " cannot run on the docker backend: " + e.getMessage(), false);
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

    /** Every slot at the maximum limits; the engine's host may be shared, so this is a ceiling, not a measurement. */
    @Override
    public ResourceInfo resourceInfo() {
        int busy = running.get();
        int slots = config.max_concurrent_executions();
        Resources total = new Resources(Math.min(config.max_cpus() * slots, 4096),
                config.max_memory_mb() * slots, 0);
        Resources used = new Resources(Math.min(total.cpu(), config.default_cpus() * busy), config.default_memory_mb() * busy, 0);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("engine", "docker");
        engineStatus.facts().ifPresent(facts -> labels.put("arch", facts.arch()));
        return new ResourceInfo(total, total.minus(used), busy, slots, labels);
    }

    /**
     * A job for the {@code docker} type is always taken (a bad payload then fails it with the reason); a job open
     * to any worker never is: an image alone says nothing about which backend its author meant.
     */
    @Override
    public boolean canHandle(Job job, ExecutionConfig executionConfig) {
        return active && job.workerTypes().contains(TYPE);
    }

    @Override
    public BackendHealth health() {
        EngineStatus status = engineStatus;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("docker.host", engine.host().toString());
        details.put("node.label", DockerEngine.LABEL_NODE + "=" + nodeId);
        status.facts().ifPresent(facts -> {
            details.put("engine.version", facts.version());
            details.put("engine.api_version", facts.apiVersion());
            details.put("engine.platform", facts.os() + "/" + facts.arch());
        });
        status.unreachable().ifPresent(reason -> details.put("engine.unreachable", reason));
        details.put("engine.checked_at", status.checkedAt().toString());
        details.put("slots", running.get() + " of " + config.max_concurrent_executions() + " busy");
        details.put("pull.policy", context.pullPolicy().wireName);
        details.put("networks", String.join(", ", networks));
        details.put("mounts", mounts.allowed().isEmpty() ? "none allowed" : mounts.allowed().toString());
        Health health;
        if (!active) {
            health = new Health(HealthState.DOWN, "docker backend stopping", details, clock.instant());
        } else if (!status.isReachable()) {
            health = new Health(HealthState.DOWN, "the Docker engine at " + engine.host() + " is unavailable: "
                    + status.unreachable().orElse(""), details, clock.instant());
        } else {
            health = new Health(HealthState.UP, "engine answers; " + running.get() + " of " + config.max_concurrent_executions()
                    + " slots busy", details, clock.instant());
        }
        return new BackendHealth(health, status.facts().map(DockerEngine.Facts::describe).orElse("Docker Engine (unavailable)"));
    }

    @Override
    public List<ExecutionHandle> executions() {
        return executions.handles();
    }

    @Override
    public int cleanup(Duration olderThan) {
        // Containers are removed when their execution ends; only the bookkeeping is left to forget.
        return executions.forgetEndedBefore(clock.instant().minus(olderThan)).size();
    }

    @Override
    public ExecutionMetadata metadata(ExecutionHandle handle) throws ExecutionException {
        DockerExecution execution = executions.find(handle);
        return new ExecutionMetadata(handle, execution.status().state(), execution.attributes());
    }
}
