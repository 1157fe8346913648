package dev.blixard.core.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.WorkerService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's worker agent: for every worker type offered by an {@link ExecutionBackend} or a
 * {@link JobProcessor} service it runs one worker ({@code <node-id>:<type>}) that claims jobs of that type
 * within its capacity, runs them and reports their outcome.
 *
 * <p>Services come and go while the node runs. When two offer the same type the one with the highest
 * {@code service.ranking} (then the lowest {@code service.id}) runs it; when a service goes away its worker
 * stops, gives its jobs back without counting an attempt and deregisters, and the next best service of the
 * type, if any, takes over under the same worker id. A configuration change re-creates the agent.
 */
@Component(service = WorkerAgent.class, immediate = true, configurationPid = WorkerAgent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AgentConfig.class)
public final class WorkerAgent {
    static final String PID = "blixard.agent";
    static final String NODE_ID_PROPERTY = "blixard.node.id";
    static final String DEFAULT_NODE_ID = "local";

    private static final Logger LOG = LoggerFactory.getLogger(WorkerAgent.class);

    private final AgentSettings settings;
    private final String nodeId;
    private final AgentThreads timerThreads = new AgentThreads("timer");
    private final ScheduledThreadPoolExecutor scheduler;
    private final Reporter reporter;
    private final AgentContext context;
    private final Path workRoot;
    /** Every bound service per type, best first. Guarded by {@code this}. */
    private final Map<String, List<Candidate>> candidates = new HashMap<>();
    /** The running worker per type; written under {@code this}, read freely for health. */
    private final Map<String, TypeWorker> workers = new ConcurrentHashMap<>();
    /** The service each running worker runs on. Guarded by {@code this}. */
    private final Map<String, Object> runningService = new HashMap<>();
    /** Guarded by {@code this}. */
    private boolean active = true;
    private long arrivals;

    /** Activated by Declarative Services; the dynamic references are bound right after. */
    @Activate
    public WorkerAgent(AgentConfig config, BundleContext bundleContext, @Reference(name = "jobs") JobCommandService jobs,
            @Reference(name = "workers") WorkerService workerService) {
        this(config, nodeIdOf(bundleContext), jobs, workerService);
    }

    /** For tests and embedding without OSGi: bind executors with the bind methods, stop with {@link #deactivate()}. */
    WorkerAgent(AgentConfig config, String nodeId, JobCommandService jobs, WorkerService workerService) {
        this.settings = AgentSettings.of(config);
        this.nodeId = nodeId;
        this.scheduler = new ScheduledThreadPoolExecutor(2, timerThreads);
        // Every job schedules a timeout that is usually cancelled: without this the queue keeps them all.
        scheduler.setRemoveOnCancelPolicy(true);
        this.reporter = new Reporter(settings.reportThreads(), scheduler, settings.lease());
        this.context = new AgentContext(settings, nodeId, jobs, workerService, reporter, scheduler,
                new ResultJson(new ObjectMapper(), nodeId), JobReports.to(jobs));
        this.workRoot = Path.of(System.getProperty("java.io.tmpdir"), "blixard-work");
        LOG.info("Worker agent of node {} {}: capacity {} per type {}, lease {} ms, heartbeat {} ms", nodeId,
                settings.enabled() ? "active" : "disabled by configuration", settings.capacity(),
                settings.capacities(), settings.lease().toMillis(), settings.heartbeat().toMillis());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindBackend(ExecutionBackend backend, Map<String, Object> properties) {
        String type = typeOf(backend::type, "an execution backend");
        if (type != null) {
            add(type, backend, properties, () -> new BackendExecutor(backend));
        }
    }

    synchronized void unbindBackend(ExecutionBackend backend) {
        remove(backend);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindProcessor(JobProcessor processor, Map<String, Object> properties) {
        String type = typeOf(processor::workerType, "a job processor");
        if (type != null) {
            add(type, processor, properties,
                    () -> new ProcessorExecutor(processor, settings.capacityOf(type), workRoot, Clock.systemUTC(),
                            scheduler, settings.cancelGrace()));
        }
    }

    synchronized void unbindProcessor(JobProcessor processor) {
        remove(processor);
    }

    /**
     * Stops every worker: no new claims, running executions cancelled, held jobs given back (released,
     * never failed), workers deregistered, every agent thread joined within the drain timeout.
     */
    @Deactivate
    void deactivate() {
        List<TypeWorker> stopping;
        synchronized (this) {
            if (!active) {
                return;
            }
            active = false;
            stopping = new ArrayList<>(workers.values());
            workers.clear();
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        stopping.forEach(worker -> worker.beginStop("worker agent of node " + nodeId + " is stopping"));
        stopping.forEach(worker -> worker.finishStop(deadline));
        reporter.shutdown(Math.max(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500)));
        scheduler.shutdownNow();
        if (timerThreads.joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(2)) > 0) {
            LOG.error("Worker agent timer threads did not stop");
        }
        LOG.info("Worker agent of node {} stopped", nodeId);
    }

    /** @return the state of each worker type this agent runs now, by type */
    public Map<String, WorkerHealth> health() {
        Map<String, WorkerHealth> health = new TreeMap<>();
        workers.forEach((type, worker) -> health.put(type, worker.health()));
        return health;
    }

    /** @return the node id the workers are registered under */
    public String nodeId() {
        return nodeId;
    }

    private void add(String type, Object service, Map<String, Object> properties, Supplier<JobExecutor> executor) {
        List<Candidate> list = candidates.computeIfAbsent(type, key -> new ArrayList<>());
        list.add(new Candidate(service, ranking(properties), serviceId(properties), arrivals++, executor));
        list.sort(Candidate.BEST_FIRST);
        reconcile(type, " is replaced by a higher-ranked service");
    }

    private void remove(Object service) {
        candidates.forEach((type, list) -> {
            if (list.removeIf(candidate -> candidate.service() == service)) {
                reconcile(type, " went away");
            }
        });
        candidates.values().removeIf(List::isEmpty);
    }

    /**
     * Makes the running worker of {@code type} the one of its best service, stopping a replaced one first.
     *
     * @param why what happened to the replaced service, after its description
     */
    private void reconcile(String type, String why) {
        if (!active || !settings.enabled()) {
            return;
        }
        List<Candidate> list = candidates.getOrDefault(type, List.of());
        Candidate best = list.isEmpty() ? null : list.get(0);
        TypeWorker current = workers.get(type);
        Object currentService = current == null ? null : runningService.get(type);
        if (current != null && best != null && currentService == best.service()) {
            return;
        }
        if (current != null) {
            // The same worker id comes back at once: the old one must be gone from the registry first.
            workers.remove(type);
            runningService.remove(type);
            current.beginStop(current.executor().describe() + why);
            current.finishStop(System.nanoTime() + settings.drainTimeout().toNanos());
        }
        if (best != null) {
            try {
                TypeWorker worker = new TypeWorker(best.executor().get(), context);
                workers.put(type, worker);
                runningService.put(type, best.service());
                worker.start();
            } catch (RuntimeException e) {
                LOG.error("Cannot run worker type {}", type, e);
            }
        }
    }

    /** @return the plugin's worker type, or {@code null} when the plugin fails to say (it is then ignored) */
    private static String typeOf(Supplier<String> type, String what) {
        try {
            return type.get();
        } catch (RuntimeException e) {
            LOG.error("Ignoring {} that cannot tell its worker type", what, e);
            return null;
        }
    }

    private static int ranking(Map<String, Object> properties) {
        Object ranking = properties == null ? null : properties.get(Constants.SERVICE_RANKING);
        return ranking instanceof Integer ? (Integer) ranking : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        Object id = properties == null ? null : properties.get(Constants.SERVICE_ID);
        return id instanceof Long ? (Long) id : Long.MAX_VALUE;
    }

    private static String nodeIdOf(BundleContext bundleContext) {
        String nodeId = bundleContext.getProperty(NODE_ID_PROPERTY);
        return nodeId == null || nodeId.isBlank() ? DEFAULT_NODE_ID : nodeId.trim();
    }

    /** A bound service that can run a worker type, with what decides between services of the same type. */
    private record Candidate(Object service, int ranking, long serviceId, long arrival, Supplier<JobExecutor> executor) {
        static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::ranking).reversed()
                .thenComparingLong(Candidate::serviceId).thenComparingLong(Candidate::arrival);
    }
}
