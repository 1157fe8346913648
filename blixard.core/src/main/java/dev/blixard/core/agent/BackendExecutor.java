package dev.blixard.core.agent;

import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs jobs on an {@link ExecutionBackend} service. */
final class BackendExecutor implements JobExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(BackendExecutor.class);

    private final ExecutionBackend backend;
    private final String type;

    BackendExecutor(ExecutionBackend backend) {
        this.backend = backend;
        this.type = backend.type();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String describe() {
        return "backend " + type;
    }

    @Override
    public int maxConcurrent() {
        return resourceInfo().map(ResourceInfo::maxConcurrentExecutions).orElse(Integer.MAX_VALUE);
    }

    @Override
    public Resources resources() {
        return resourceInfo().map(ResourceInfo::total).orElse(Resources.NONE);
    }

    @Override
    public Map<String, String> labels() {
        return resourceInfo().map(ResourceInfo::labels).orElse(Map.of());
    }

    @Override
    public boolean isUp() {
        try {
            return backend.health().canRunJobs();
        } catch (RuntimeException e) {
            LOG.warn("Backend {} failed to report its health", type, e);
            return false;
        }
    }

    @Override
    public boolean canRun(Job job, ExecutionConfig config) {
        return backend.canHandle(job, config);
    }

    @Override
    public Execution start(Job job, ExecutionConfig config) throws ExecutionException {
        return new BackendExecution(backend, backend.submit(job, config));
    }

    @Override
    public void close(long deadlineNanos) {
        // The backend's threads are its own: its component's deactivation stops them.
    }

    private Optional<ResourceInfo> resourceInfo() {
        try {
            return Optional.ofNullable(backend.resourceInfo());
        } catch (RuntimeException e) {
            LOG.warn("Backend {} failed to report its resources", type, e);
            return Optional.empty();
        }
    }

    /** An execution on the backend, known by its handle. */
    private static final class BackendExecution implements Execution {
        private final ExecutionBackend backend;
        private final ExecutionHandle handle;

        BackendExecution(ExecutionBackend backend, ExecutionHandle handle) {
            this.backend = backend;
            this.handle = handle;
        }

        @Override
        public ExecutionHandle handle() {
            return handle;
        }

        @Override
        public CompletionStage<ExecutionStatus> completion() {
            try {
                return backend.completion(handle);
            } catch (ExecutionException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public Optional<ExecutionStatus> snapshot() {
            try {
                return Optional.ofNullable(backend.status(handle));
            } catch (ExecutionException | RuntimeException e) {
                LOG.debug("No status of execution {} of job {}: {}", handle.executionId(), handle.jobId(), e.toString());
                return Optional.empty();
            }
        }

        @Override
        public void cancel() {
            try {
                backend.cancel(handle);
            } catch (ExecutionException | RuntimeException e) {
                // Unknown handles are executions the backend already forgot: nothing left to stop.
                LOG.debug("Cancel of execution {} of job {} on {}: {}", handle.executionId(), handle.jobId(),
                        handle.backendType(), e.toString());
            }
        }
    }

    @Override
    public int cleanup(java.time.Duration olderThan) {
        return backend.cleanup(olderThan);
    }
}
