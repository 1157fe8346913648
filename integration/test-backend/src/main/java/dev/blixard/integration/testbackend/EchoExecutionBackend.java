package dev.blixard.integration.testbackend;

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
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@code echo} execution backend, a stand-in for a third-party backend that the browser tests install
 * into a running node through the Web Console: each job completes (exit code 0) with its payload as the
 * result document and as standard output, after {@link EchoBackendConfig#delay_ms()}.
 *
 * <p>It honours the whole SPI: a bounded number of concurrent executions, the execution timeout, cancel,
 * health, resources, per-execution metadata and cleanup. Deactivation (bundle stop, update or uninstall)
 * cancels what still runs and stops its one timer thread.
 */
@Component(service = ExecutionBackend.class, configurationPid = EchoExecutionBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EchoExecutionBackend implements ExecutionBackend {

    /** The configuration PID. */
    public static final String PID = "blixard.integration.testbackend";
    /** The worker type this backend runs. */
    public static final String TYPE = "echo";

    private final Duration delay;
    private final int maxConcurrent;
    private final Clock clock;
    private final PluginMetadata metadata;
    private final ScheduledExecutorService timer;
    private final ExecutionRegistry<EchoExecution> executions = new ExecutionRegistry<>(TYPE);
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean active = true;

    /** Activation: the backend is ready for jobs once this returns. */
    @Activate
    public EchoExecutionBackend(EchoBackendConfig config, BundleContext context) {
        this(config, Clock.systemUTC(), context.getBundle().getVersion().toString());
    }

    EchoExecutionBackend(EchoBackendConfig config, Clock clock, String version) {
        if (config.delay_ms() < 0 || config.max_concurrent_executions() < 1) {
            throw new IllegalArgumentException("delay_ms must be >= 0 and max_concurrent_executions >= 1, were "
                    + config.delay_ms() + " and " + config.max_concurrent_executions());
        }
        this.delay = Duration.ofMillis(config.delay_ms());
        this.maxConcurrent = config.max_concurrent_executions();
        this.clock = clock;
        this.metadata = new PluginMetadata(TYPE, version, "Blixard integration tests",
                "Completes every job with its payload as the result, for the browser tests.");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blixard-echo-backend");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Cancels the executions still running and stops the timer thread. */
    @Deactivate
    void deactivate() {
        active = false;
        executions.all()
                .forEach(execution -> execution.finish(ExecutionState.CANCELLED, "echo backend stopped", true));
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    public ExecutionHandle submit(Job job, ExecutionConfig config) throws ExecutionException {
        if (!active) {
            throw new ExecutionException("echo backend is stopping; job " + job.id() + " not started", true);
        }
        if (running.incrementAndGet() > maxConcurrent) {
            running.decrementAndGet();
            throw new ExecutionException("echo backend is full (" + maxConcurrent + " executions); job " + job.id()
                    + " not started", true);
        }
        ExecutionHandle handle = new ExecutionHandle(UUID.randomUUID().toString(), TYPE, job.id(), config.attempt(),
                clock.instant());
        EchoExecution execution = new EchoExecution(handle, job.payload(), clock);
        executions.add(execution);
        execution.completion().whenComplete((status, failure) -> running.decrementAndGet());
        try {
            execution.track(timer.schedule(() -> execution.finish(ExecutionState.TIMED_OUT, "job " + job.id()
                    + " timed out after " + config.timeout().toMillis() + " ms", false),
                    config.timeout().toMillis(), TimeUnit.MILLISECONDS));
            execution.track(timer.schedule(execution::echo, delay.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            execution.finish(ExecutionState.FAILED, "echo backend stopped before job " + job.id() + " ran", true);
            executions.forget(handle);
            throw new ExecutionException("echo backend is stopping; job " + job.id() + " not started", true, e);
        }
        return handle;
    }

    @Override
    public ExecutionStatus status(ExecutionHandle handle) throws ExecutionException {
        return executions.find(handle).status();
    }

    @Override
    public void cancel(ExecutionHandle handle) throws ExecutionException {
        executions.find(handle).finish(ExecutionState.CANCELLED, "job " + handle.jobId() + " cancelled", false);
    }

    @Override
    public CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) throws ExecutionException {
        return executions.completion(handle);
    }

    @Override
    public ResourceInfo resourceInfo() {
        return new ResourceInfo(Resources.NONE, Resources.NONE, running.get(), maxConcurrent, Map.of());
    }

    @Override
    public boolean canHandle(Job job, ExecutionConfig config) {
        return active && (job.workerTypes().isEmpty() || job.workerTypes().contains(TYPE));
    }

    @Override
    public BackendHealth health() {
        Health health = active ? Health.up(running.get() + " of " + maxConcurrent + " slots busy")
                : Health.down("stopping");
        return new BackendHealth(health.withDetails(Map.of("delay_ms", Long.toString(delay.toMillis()))),
                "echo " + metadata.version());
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
        EchoExecution execution = executions.find(handle);
        return new ExecutionMetadata(handle, execution.status().state(), Map.of(
                "payload_bytes", Integer.toString(execution.payloadBytes()),
                "delay_ms", Long.toString(delay.toMillis())));
    }
}
