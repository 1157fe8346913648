package dev.blixard.http.rest;

import dev.blixard.api.UnavailableException;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.PluginProblem;
import dev.blixard.api.plugin.PluginProblems;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.security.TokenService;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.http.auth.Authenticator;
import dev.blixard.http.events.EventStreamHub;
import dev.blixard.http.events.EventStreams;
import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.metrics.ClaimTimer;
import dev.blixard.http.metrics.Metrics;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The REST API under {@code /api}, one servlet on the OSGi Http Whiteboard (jakarta, Whiteboard 2.0, as Felix
 * HTTP Jetty12 implements it). It only wires: the {@link ApiDispatcher} answers requests over the
 * {@link ApiRoutes}.
 *
 * <p>The {@link Authenticator} is mandatory: without one the API is not registered at all, so a node never
 * answers unauthenticated (the bundle's own is the {@link dev.blixard.http.auth.TokenAuthenticator}). The
 * node's services are optional and dynamic: the queue's services exist only while the store has a leader, and
 * the API answers 503 rather than disappearing in between; so do tokens, the cluster view and the events.
 */
@Component(service = Servlet.class, configurationPid = RestApiServlet.PID, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/*",
    "osgi.http.whiteboard.servlet.name=blixard-rest-api",
    "osgi.http.whiteboard.servlet.asyncSupported=true"})
@Designate(ocd = RestApiConfig.class)
@Requirement(namespace = "osgi.implementation", name = "osgi.http", version = "2.0.0")
public final class RestApiServlet extends HttpServlet implements NodeServices {
    static final String PID = "blixard.http";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobCommandService commands;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobQueryService queries;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WorkerService workers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthService health;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TokenService tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventStreamHub eventHub;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Metrics metrics;

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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<Plugin> plainPlugins = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PluginProblems pluginProblems;

    private final transient ApiDispatcher dispatcher;
    private final int eventStreamBuffer;

    /**
     * @param authenticator the best ranked one: the reference is static and greedy, so one registered later with
     *        a higher {@code service.ranking} re-creates the servlet with it (open streams and long polls end;
     *        their clients reconnect)
     */
    @Activate
    public RestApiServlet(@Reference(policyOption = ReferencePolicyOption.GREEDY) Authenticator authenticator,
            RestApiConfig config) {
        JsonCodec codec = JsonCodec.withMaxDepth(config.max_json_depth());
        ResponseWriter writer = new ResponseWriter(codec);
        this.eventStreamBuffer = config.event_stream_buffer();
        this.dispatcher = new ApiDispatcher(ApiRoutes.table(this, codec), authenticator, ApiRateLimit.of(config),
                new RequestBodies(config.max_body_bytes(), config.max_batch_body_bytes(), codec), writer,
                new LongPolls(writer, Duration.ofMillis(Math.max(0, config.long_poll_grace_ms()))));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        dispatcher.dispatch(request, response, path == null ? "/" : path);
    }

    @Override
    public JobCommandService commands() {
        return present(commands, "job command");
    }

    @Override
    public JobQueryService queries() {
        return present(queries, "job query");
    }

    @Override
    public WorkerService workers() {
        return present(workers, "worker");
    }

    @Override
    public HealthService health() {
        return present(health, "health");
    }

    @Override
    public TokenService tokens() {
        return present(tokens, "token");
    }

    @Override
    public ClusterService cluster() {
        return present(cluster, "cluster");
    }

    @Override
    public EventStreams events() {
        EventStreamHub hub = present(eventHub, "event stream");
        return (request, response, filter, after) -> hub.open(request, response, filter, after, eventStreamBuffer);
    }

    @Override
    public List<ExecutionBackend> backends() {
        return List.copyOf(backends);
    }

    @Override
    public ClaimTimer claimTimer() {
        Metrics current = metrics;
        return current == null ? ClaimTimer.NONE : current.claims();
    }

    /** One entry per plugin object, however many plugin interfaces it is registered under. */
    @Override
    public Map<Plugin, List<String>> plugins() {
        Map<Plugin, List<String>> plugins = new IdentityHashMap<>();
        validators.forEach(plugin -> kinds(plugins, plugin).add("validator"));
        allocators.forEach(plugin -> kinds(plugins, plugin).add("allocator"));
        processors.forEach(plugin -> kinds(plugins, plugin).add("processor"));
        plainPlugins.forEach(plugin -> kinds(plugins, plugin).add("plugin"));
        return plugins;
    }

    @Override
    public List<PluginProblem> pluginProblems() {
        PluginProblems current = pluginProblems;
        return current == null ? List.of() : current.current();
    }

    private static List<String> kinds(Map<Plugin, List<String>> plugins, Plugin plugin) {
        return plugins.computeIfAbsent(plugin, key -> new ArrayList<>());
    }

    private static <T> T present(T service, String what) {
        if (service == null) {
            throw new UnavailableException("the " + what + " service is not available on this node now (does the store have a leader?)");
        }
        return service;
    }
}
