package dev.blixard.backend.mock;

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
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.PluginMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
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
 * The {@code mock} execution backend: runs nothing, but behaves like a backend in every observable way
 * (latency, exit codes, output, failures, hangs, crashes, timeouts, cancels, capacity), so the queue, the
 * agent and clusters can be tested and benchmarked without real workloads.
 *
 * <p>A configuration change re-creates the component (a new instance with a new timer thread), which is
 * also the test of the hot-swap path: running executions of the old instance are cancelled on deactivate.
 */
@Component(service = ExecutionBackend.class, configurationPid = MockExecutionBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MockBackendConfig.class)
public final class MockExecutionBackend implements ExecutionBackend {
    static final String PID = "blixard.backend.mock";
    static final String TYPE = "mock";

    private static final Logger LOG = LoggerFactory.getLogger(MockExecutionBackend.class);

    private final MockBackendConfig config;
    private final Clock clock;
    private final Random random;
    private final ScheduledExecutorService timers;
    private final PluginMetadata metadata;
    private final ExecutionRegistry<MockExecution> executions = new ExecutionRegistry<>(TYPE);
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean active = true;

    @Activate
    public MockExecutionBackend(MockBackendConfig config, BundleContext context) {
        this(config, Clock.systemUTC(), context.getBundle().getVersion().toString());
    }

    MockExecutionBackend(MockBackendConfig config, Clock clock, String version) {
        this.config = config;
        this.clock = clock;
        this.random = config.seed() == 0 ? new Random() : new Random(config.seed());
        this.timers = Executors.newSingleThreadScheduledExecutor(namedThread());
        this.metadata = new PluginMetadata("mock", version, "Blixard",
                "In-memory backend with configurable latency, failures, hangs and crashes, for tests.");
        LOG.info("Mock backend active: latency {}-{} ms, failure rate {}, hang rate {}, crash rate {}, {} slots",
                config.latency_min_ms(), config.latency_max_ms(), config.failure_rate(), config.hang_rate(),
                config.crash_rate(), config.max_concurrent_executions());
    }

    /** Cancels what still runs and stops the timer thread: nothing of this instance outlives it. */
    @Deactivate
    void deactivate() {
        active = false;
        int cancelled = 0;
        for (MockExecution execution : executions.all()) {
            if (execution.end(ExecutionState.CANCELLED, "mock backend stopped", true)) {
                cancelled++;
            }
        }
        timers.shutdownNow();
        try {
            if (!timers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Mock backend timer thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Mock backend stopped; {} running executions cancelled", cancelled);
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
            throw new ExecutionException("mock backend is stopping; job " + job.id() + " not started", true);
        }
        MockScenario scenario;
        synchronized (random) {
            try {
                scenario = MockScenario.decide(job.payload(), config, random);
            } catch (IllegalArgumentException e) {
                throw new ExecutionException("job " + job.id() + ": " + e.getMessage(), false);
            }
        }
        if (running.incrementAndGet() > config.max_concurrent_executions()) {
            running.decrementAndGet();
            throw new ExecutionException("mock backend is full (" + config.max_concurrent_executions()
                    + " executions); job " + job.id() + " not started", true);
        }
        ExecutionHandle handle = new ExecutionHandle(UUID.randomUUID().toString(), TYPE, job.id(),
                executionConfig.attempt(), clock.instant());
        MockExecution execution = new MockExecution(handle, scenario, clock);
        executions.add(execution);
        execution.completion().whenComplete((status, failure) -> running.decrementAndGet());
        schedule(execution, executionConfig.timeout());
        LOG.debug("Job {} attempt {} runs as mock execution {}: {} in {} ms", job.id(), executionConfig.attempt(),
                handle.executionId(), scenario.outcome(), scenario.duration().toMillis());
        return handle;
    }

    private void schedule(MockExecution execution, Duration timeout) {
        execution.addTimer(timers.schedule(() -> execution.end(ExecutionState.TIMED_OUT,
                "job " + execution.handle().jobId() + " timed out after " + timeout.toMillis() + " ms", false),
                timeout.toMillis(), TimeUnit.MILLISECONDS));
        if (execution.scenario().outcome() != MockOutcome.HANG) {
            execution.addTimer(timers.schedule(execution::finishByScenario, execution.scenario().duration().toMillis(),
                    TimeUnit.MILLISECONDS));
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
        return new ResourceInfo(Resources.NONE, Resources.NONE, running.get(), config.max_concurrent_executions(),
                Map.of());
    }

    @Override
    public boolean canHandle(Job job, ExecutionConfig executionConfig) {
        return active && (job.workerTypes().isEmpty() || job.workerTypes().contains(TYPE));
    }

    @Override
    public BackendHealth health() {
        Health health = active ? Health.up(running.get() + " of " + config.max_concurrent_executions() + " slots busy")
                : Health.down("stopping");
        return new BackendHealth(health.withDetails(Map.of("failure_rate", String.valueOf(config.failure_rate()),
                "hang_rate", String.valueOf(config.hang_rate()), "crash_rate", String.valueOf(config.crash_rate()))),
                "mock " + metadata.version());
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
        MockExecution execution = executions.find(handle);
        return new ExecutionMetadata(handle, execution.status().state(),
                Map.of("scenario", execution.scenario().outcome().name().toLowerCase(java.util.Locale.ROOT),
                        "duration_ms", String.valueOf(execution.scenario().duration().toMillis())));
    }

    private static ThreadFactory namedThread() {
        return runnable -> {
            Thread thread = new Thread(runnable, "blixard-mock-backend");
            thread.setDaemon(true);
            return thread;
        };
    }
}
