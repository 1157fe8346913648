package dev.blixard.dashboard.console;

import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.dashboard.console.ConsoleSources.RegisteredPlugin;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Blixard" tab of the Felix Web Console, at {@code /system/console/blixard}.
 *
 * <p>Web Console 5 tracks every {@link Servlet} service that has a {@code felix.webconsole.label} and a
 * {@code felix.webconsole.title}, and wraps a plain servlet such as this one in its {@code SimplePluginAdapter}:
 * on a GET it writes the page's head, navigation and login itself, then calls this servlet to write the content
 * into the same writer, so this servlet writes only its fragment and sets no headers. The adapter also serves
 * {@code /system/console/blixard/res/*} from this class's class loader ({@code res/*} in this bundle), which is
 * how {@code felix.webconsole.css} reaches the stylesheet. The console asks for the admin credentials before any
 * of this runs; the plugin adds no login of its own.
 *
 * <p>All it shows comes from {@code blixard.api} services. They are optional and dynamic: the queue's services
 * exist only while the replicated store has a leader, and the tab then says so in the section concerned.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=blixard",
    "felix.webconsole.title=Blixard",
    "felix.webconsole.category=Blixard",
    // Relative to the console's root; the adapter serves /blixard/res/* from res/* in this bundle.
    "felix.webconsole.css=/blixard/res/blixard-console.css"})
public final class BlixardConsolePlugin extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BlixardConsolePlugin.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobQueryService queries;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WorkerService workers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthService health;

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

    private final transient BundleContext context;

    /** @param context this bundle's context, to find where the console (and so the dashboard) is mounted */
    @Activate
    public BlixardConsolePlugin(BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant now = Instant.now();
        String content;
        try {
            String dashboard = DashboardLink.href(request.getContextPath(), DashboardLink.consoleRoot(context));
            content = new ConsolePage(sources(), dashboard).render(now);
        } catch (RuntimeException e) {
            // Each section already turns a service's failure into a sentence; this is for a fault of the page
            // itself, which must not replace the console's frame with an error page either.
            LOG.error("Blixard console: the page could not be rendered", e);
            content = new Html().element("p", "The Blixard page could not be rendered: "
                    + Section.sentence(Section.describe(e)) + " The node's log has the details.",
                    "class", "statline blixard-error").toString();
        }
        if (response.getContentType() == null) {
            // Called outside the console's frame (a HEAD, or a path with an extension): the adapter set nothing.
            response.setContentType("text/html;charset=utf-8");
        }
        response.getWriter().write(content);
    }

    /** The services as they are now, once for the whole page. */
    ConsoleSources sources() {
        return new ConsoleSources(queries, workers, cluster, health, List.copyOf(backends), plugins());
    }

    /** One entry per plugin object, however many plugin interfaces it is registered under. */
    private List<RegisteredPlugin> plugins() {
        Map<Plugin, List<String>> kinds = new IdentityHashMap<>();
        validators.forEach(plugin -> kinds.computeIfAbsent(plugin, key -> new ArrayList<>()).add("validator"));
        allocators.forEach(plugin -> kinds.computeIfAbsent(plugin, key -> new ArrayList<>()).add("allocator"));
        processors.forEach(plugin -> kinds.computeIfAbsent(plugin, key -> new ArrayList<>()).add("processor"));
        plainPlugins.forEach(plugin -> kinds.computeIfAbsent(plugin, key -> new ArrayList<>()).add("plugin"));
        List<RegisteredPlugin> plugins = new ArrayList<>();
        kinds.forEach((plugin, names) -> plugins.add(new RegisteredPlugin(plugin, names)));
        return plugins;
    }
}
