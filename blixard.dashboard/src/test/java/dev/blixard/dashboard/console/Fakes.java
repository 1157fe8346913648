package dev.blixard.dashboard.console;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.Page;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionMetadata;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.ClusterStatus.ClusterMember;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.ReadConsistency;
import dev.blixard.api.service.WorkerService;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import dev.blixard.dashboard.console.ConsoleSources.RegisteredPlugin;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Services with fixed answers, and a node's worth of them, for rendering tests. */
final class Fakes {

    /** The moment every fixture is observed at. */
    static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private Fakes() {
    }

    /** A node with everything: a queue with jobs, two workers, two backends, a plugin, a group of three. */
    static ConsoleSources node() {
        return new ConsoleSources(queries(stats()), workers(List.of(worker("agent-node-1-mock", "node-1"),
                worker("external-7", null))), cluster(), health(), List.of(backend("mock"), backend("local")),
                List.of(new RegisteredPlugin(plugin("csv-aggregate", "Sums CSV columns."),
                        List.of("processor", "plugin"))));
    }

    static QueueStats stats() {
        return new QueueStats(
                Map.of(JobStatus.PENDING, 3L, JobStatus.IN_PROGRESS, 1L, JobStatus.COMPLETED, 40L,
                        JobStatus.FAILED, 2L),
                Map.of("mock", Map.of(JobStatus.PENDING, 2L, JobStatus.COMPLETED, 40L),
                        QueueStats.ANY_WORKER_TYPE, Map.of(JobStatus.PENDING, 1L, JobStatus.IN_PROGRESS, 1L,
                                JobStatus.FAILED, 2L)),
                Duration.ofSeconds(192),
                List.of(new QueueStats.Throughput(Duration.ofMinutes(1), 30, 1),
                        new QueueStats.Throughput(Duration.ofMinutes(5), 40, 2)),
                NOW.minusSeconds(2));
    }

    static JobQueryService queries(QueueStats stats) {
        return queries(() -> stats);
    }

    /** A query service whose {@code stats()} gives what {@code stats} gives, or throws what it throws. */
    static JobQueryService queries(Supplier<QueueStats> stats) {
        return new JobQueryService() {
            @Override
            public Optional<Job> get(String jobId, ReadConsistency consistency) {
                throw new UnsupportedOperationException("the console does not read single jobs");
            }

            @Override
            public Page<Job> list(JobQuery query) {
                throw new UnsupportedOperationException("the console does not list jobs");
            }

            @Override
            public QueueStats stats() {
                return stats.get();
            }
        };
    }

    static Worker worker(String id, String node) {
        WorkerRegistration registration = WorkerRegistration.builder(id).workerTypes("mock", "local").capacity(4)
                .build();
        return new Worker(registration, WorkerStatus.ACTIVE, List.of("job-1"), node, NOW.minusSeconds(600),
                NOW.minusSeconds(3));
    }

    /**
     * A worker whose id the API's own checks would refuse: registrations are validated where they are built,
     * but the console must not depend on every {@link WorkerService} implementation doing so.
     */
    static Worker workerWithRawId(String rawId) {
        Worker worker = worker("placeholder", "node-1");
        try {
            Field id = WorkerRegistration.class.getDeclaredField("workerId");
            id.setAccessible(true);
            id.set(worker.registration(), rawId);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("WorkerRegistration keeps its id elsewhere now; update this fixture", e);
        }
        return worker;
    }

    static WorkerService workers(List<Worker> workers) {
        return new WorkerService() {
            @Override
            public Worker register(WorkerRegistration registration) {
                throw new UnsupportedOperationException();
            }

            @Override
            public HeartbeatResponse heartbeat(String workerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Worker drain(String workerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void deregister(String workerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Worker> get(String workerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Worker> list() {
                return workers;
            }
        };
    }

    static ClusterService cluster() {
        return cluster(new ClusterStatus("node-1", "LEADER", "node-1", 7, 120, 118, List.of(
                new ClusterMember("node-2", "127.0.0.1:9102", false),
                new ClusterMember("node-1", "127.0.0.1:9101", true),
                new ClusterMember("node-3", "127.0.0.1:9103", false))));
    }

    /** A cluster that always shows {@code status}; the console never changes the group. */
    static ClusterService cluster(ClusterStatus status) {
        return new ClusterService() {
            @Override
            public ClusterStatus status() {
                return status;
            }

            @Override
            public ClusterStatus addMember(String id, String address) {
                throw new UnsupportedOperationException("the console does not change the group");
            }

            @Override
            public ClusterStatus removeMember(String id) {
                throw new UnsupportedOperationException("the console does not change the group");
            }
        };
    }

    static HealthService health() {
        return new HealthService() {
            @Override
            public Map<String, Health> components() {
                return Map.of("store", new Health(HealthState.UP, "leader known", Map.of(), NOW.minusSeconds(1)),
                        "backend.vm", new Health(HealthState.DEGRADED, "no KVM: TCG only", Map.of(),
                                NOW.minusSeconds(5)));
            }

            @Override
            public Health overall() {
                return new Health(HealthState.DEGRADED, "backend.vm is degraded", Map.of(), NOW);
            }
        };
    }

    static ExecutionBackend backend(String type) {
        return new FakeBackend(type, () -> new BackendHealth(Health.up("ready"), type + "-engine 1.0"));
    }

    static Plugin plugin(String name, String description) {
        return () -> new PluginMetadata(name, "1.2.3", "Example Corp", description);
    }

    /** A backend with fixed metadata and resources, and the health {@code health} gives or throws. */
    static final class FakeBackend implements ExecutionBackend {
        private final String type;
        private final Supplier<BackendHealth> health;

        FakeBackend(String type, Supplier<BackendHealth> health) {
            this.type = type;
            this.health = health;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public PluginMetadata metadata() {
            return new PluginMetadata(type + " backend", "0.1.0", "Blixard", "Runs " + type + " jobs.");
        }

        @Override
        public ExecutionHandle submit(Job job, ExecutionConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecutionStatus status(ExecutionHandle handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(ExecutionHandle handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ResourceInfo resourceInfo() {
            return new ResourceInfo(new Resources(4, 4096, 0), new Resources(3, 2048, 0), 2, 8, Map.of());
        }

        @Override
        public boolean canHandle(Job job, ExecutionConfig config) {
            return true;
        }

        @Override
        public BackendHealth health() {
            return health.get();
        }

        @Override
        public List<ExecutionHandle> executions() {
            return List.of();
        }

        @Override
        public int cleanup(Duration olderThan) {
            return 0;
        }

        @Override
        public ExecutionMetadata metadata(ExecutionHandle handle) {
            throw new UnsupportedOperationException();
        }
    }
}
