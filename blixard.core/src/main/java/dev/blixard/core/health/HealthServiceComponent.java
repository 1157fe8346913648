package dev.blixard.core.health;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.PluginProblem;
import dev.blixard.api.plugin.PluginProblems;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.service.HealthService;
import dev.blixard.core.agent.WorkerAgent;
import dev.blixard.core.agent.WorkerHealth;
import dev.blixard.core.service.QueueComponent;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.StoreStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The node's health: the store (a node without a leader is not ready), the queue, the agent's workers, and
 * every backend and plugin that is registered now, and every broken plugin ({@link PluginProblems}). A component whose health check throws is reported DOWN
 * with the error, never hidden; a backend or plugin that is down degrades the node without making it
 * unready.
 */
@Component
public final class HealthServiceComponent implements HealthService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReplicatedDatabase database;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile QueueComponent queue;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WorkerAgent agent;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PluginProblems pluginProblems;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<ExecutionBackend> backends = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<JobValidator> validators = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<ResourceAllocator> allocators = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<JobProcessor> processors = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, Health> components() {
        Map<String, Health> components = new TreeMap<>();
        components.put("store", store());
        QueueComponent current = queue;
        components.put("queue", current == null ? Health.down("the job queue is not open (waiting for the store)")
                : Health.up("open").withDetails(Map.of(
                        "claims.waiting", String.valueOf(current.queue().claims().waitingClaims()))));
        for (ExecutionBackend backend : backends) {
            components.put("backend:" + safely(backend::type, "?"), checked(() -> {
                var health = backend.health();
                Map<String, String> details = new TreeMap<>(health.health().details());
                details.put("engine", health.engine());
                return health.health().withDetails(details);
            }));
        }
        WorkerAgent currentAgent = agent;
        if (currentAgent != null) {
            currentAgent.health().forEach((type, worker) -> components.put("agent:" + type, agentHealth(worker)));
        }
        addPlugins(components, "validator:", validators);
        addPlugins(components, "allocator:", allocators);
        addPlugins(components, "processor:", processors);
        PluginProblems problems = pluginProblems;
        if (problems != null) {
            for (PluginProblem problem : problems.current()) {
                components.merge("broken-plugin:" + problem.subject(), Health.down(problem.problem())
                        .withDetails(Map.of("kind", problem.kind().name().toLowerCase(java.util.Locale.ROOT),
                                "since", problem.since().toString())),
                        (first, second) -> Health.down(first.message() + "; " + second.message()));
            }
        }
        return components;
    }

    @Override
    public Health overall() {
        Map<String, Health> components = components();
        HealthState worst = HealthState.UP;
        StringBuilder problems = new StringBuilder();
        for (Map.Entry<String, Health> component : components.entrySet()) {
            HealthState state = component.getValue().state();
            // A broken backend or plugin degrades the node but does not take it down: the queue still
            // serves everything else. Only the store and the queue themselves make it unready.
            boolean essential = component.getKey().equals("store") || component.getKey().equals("queue");
            worst = worst.worst(essential || state != HealthState.DOWN ? state : HealthState.DEGRADED);
            if (state != HealthState.UP) {
                problems.append(problems.length() == 0 ? "" : "; ").append(component.getKey()).append(": ")
                        .append(component.getValue().message());
            }
        }
        for (String essential : new String[] {"store", "queue"}) {
            Health health = components.get(essential);
            if (health.state() == HealthState.DOWN) {
                return Health.down("not ready: " + essential + ": " + health.message());
            }
        }
        return new Health(worst, problems.length() == 0 ? "ready" : problems.toString(), Map.of(),
                java.time.Instant.now());
    }

    /** A worker of the node's agent: degraded for a minute after a claim, report or heartbeat failed. */
    private static Health agentHealth(WorkerHealth worker) {
        Map<String, String> details = new TreeMap<>();
        details.put("worker", worker.workerId());
        details.put("executor", worker.executor());
        details.put("running", String.valueOf(worker.running()));
        details.put("capacity", String.valueOf(worker.capacity()));
        worker.error().ifPresent(error -> details.put("last_error", error));
        if (worker.lastErrorAt() != null) {
            details.put("last_error_at", worker.lastErrorAt().toString());
        }
        for (int i = 0; i < worker.abandoned().size(); i++) {
            details.put("abandoned." + (i + 1), worker.abandoned().get(i));
        }
        Health health = !worker.registered() ? Health.degraded("not registered with the queue")
                : !worker.abandoned().isEmpty() ? Health.degraded(worker.abandoned().size()
                        + " run(s) did not stop when cancelled; their threads are abandoned")
                : worker.lastErrorAt() != null && worker.lastErrorAt().isAfter(java.time.Instant.now().minusSeconds(60))
                        ? Health.degraded("failed recently: " + worker.error().orElse("?"))
                : Health.up(worker.running() + " of " + worker.capacity() + " slots in use");
        return health.withDetails(details);
    }

    private Health store() {
        ReplicatedDatabase current = database;
        if (current == null) {
            return Health.down("the replicated store is not running (no leader elected yet, or starting)");
        }
        StoreStatus status = current.status();
        Map<String, String> details = Map.of("node", status.nodeId(), "role", String.valueOf(status.role()),
                "leader", String.valueOf(status.leaderId()), "term", String.valueOf(status.term()),
                "commit_index", String.valueOf(status.commitIndex()), "applied_index", String.valueOf(status.appliedIndex()));
        if (status.leaderId() == null) {
            return Health.down("the store has no leader").withDetails(details);
        }
        return Health.up(status.nodeId().equals(status.leaderId()) ? "leader" : "follower of " + status.leaderId())
                .withDetails(details);
    }

    private static void addPlugins(Map<String, Health> components, String prefix, List<? extends Plugin> plugins) {
        for (Plugin plugin : plugins) {
            String name = safely(() -> plugin.metadata().name(), plugin.getClass().getName());
            components.put(prefix + name, checked(plugin::health));
        }
    }

    private static Health checked(java.util.function.Supplier<Health> check) {
        try {
            Health health = check.get();
            return health == null ? Health.down("the health check answered nothing") : health;
        } catch (RuntimeException e) {
            return Health.down("the health check failed: " + e);
        }
    }

    private static <T> T safely(java.util.function.Supplier<T> value, T fallback) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
