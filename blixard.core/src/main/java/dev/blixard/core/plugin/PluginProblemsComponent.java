package dev.blixard.core.plugin;

import dev.blixard.api.plugin.PluginProblem;
import dev.blixard.api.plugin.PluginProblem.Kind;
import dev.blixard.api.plugin.PluginProblems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the node's broken plugins from the framework's own state, each time it is asked: jars in the deploy
 * directory the framework did not install, bundles that cannot resolve or whose start failed, components whose
 * activation threw. A watcher thread asks every {@link #WATCH_SECONDS} seconds so that each new problem is
 * logged once, with its reason, when it appears (and a line when it is gone).
 *
 * <p>Installing and starting a bundle passes through states that look broken for a moment (installed, then
 * resolved, then active), so a finding is reported only once it has been seen for {@link #SETTLE}; and nothing
 * is judged while the framework itself starts or stops, when every bundle is on its way somewhere.
 */
@Component(service = PluginProblems.class)
public final class PluginProblemsComponent implements PluginProblems {
    static final String DATA_DIR_PROPERTY = "blixard.data.dir";
    private static final Logger LOG = LoggerFactory.getLogger(PluginProblemsComponent.class);
    private static final long WATCH_SECONDS = 2;
    static final Duration SETTLE = Duration.ofSeconds(2);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime components;

    private final BundleContext context;
    private final BundleDiagnosis diagnosis;
    private final DeployedJars deployed;
    private final Clock clock;
    private final ScheduledExecutorService watcher;
    /** When each finding present now was first seen. */
    private final Map<Finding, Instant> firstSeen = new HashMap<>();
    /** The findings that have settled into problems (and were logged). */
    private final Set<Finding> reported = new HashSet<>();

    @Activate
    public PluginProblemsComponent(BundleContext context) {
        this.context = context;
        this.clock = Clock.systemUTC();
        this.diagnosis = new BundleDiagnosis(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(FrameworkWiring.class));
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        this.deployed = dataDir == null || dataDir.isBlank() ? null
                : new DeployedJars(Path.of(dataDir).resolve("deploy"));
        this.watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "blixard-plugin-problems");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::current, 0, WATCH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        watcher.shutdownNow();
        if (!watcher.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("The plugin problem watcher did not stop within 5 s");
        }
    }

    @Override
    public synchronized List<PluginProblem> current() {
        List<Finding> findings = new ArrayList<>();
        try {
            if (context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() != Bundle.ACTIVE) {
                return List.of();
            }
            Set<String> locations = new HashSet<>();
            for (Bundle bundle : context.getBundles()) {
                locations.add(bundle.getLocation());
                diagnosis.unresolved(bundle).ifPresent(why -> findings.add(new Finding(subjectOf(bundle), Kind.UNRESOLVED, why)));
                diagnosis.notStarted(bundle).ifPresent(why -> findings.add(new Finding(subjectOf(bundle), Kind.NOT_STARTED, why)));
            }
            if (deployed != null) {
                deployed.notInstalled(locations, clock.instant()).forEach(jar ->
                        findings.add(new Finding(jar.fileName(), Kind.NOT_INSTALLED, jar.reason())));
            }
            findings.addAll(failedActivations());
        } catch (IllegalStateException e) {
            // This bundle is stopping and its context is no longer valid: nothing to report from here.
            return List.of();
        }
        return dated(findings);
    }

    private List<Finding> failedActivations() {
        ServiceComponentRuntime runtime = components;
        if (runtime == null) {
            return List.of();
        }
        List<Finding> failed = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    Bundle bundle = context.getBundle(description.bundle.id);
                    String subject = bundle == null ? description.bundle.symbolicName : subjectOf(bundle);
                    failed.add(new Finding(subject, Kind.FAILED_ACTIVATION, "component " + description.name
                            + " failed to activate: " + rootCause(configuration.failure)));
                }
            }
        }
        return failed;
    }

    /**
     * Dates each finding by when it was first seen, logs the new ones and the ones that are gone, and forgets
     * the gone ones (a problem that comes back is new again).
     */
    private List<PluginProblem> dated(List<Finding> findings) {
        Instant now = clock.instant();
        List<PluginProblem> problems = new ArrayList<>();
        for (Finding finding : findings) {
            Instant since = firstSeen.computeIfAbsent(finding, key -> now);
            if (!since.isAfter(now.minus(SETTLE))) {
                if (reported.add(finding)) {
                    LOG.warn("Plugin {} is broken ({}): {}", finding.subject(), finding.kind(), finding.text());
                }
                problems.add(new PluginProblem(finding.subject(), finding.kind(), finding.text(), since));
            }
        }
        Set<Finding> present = new HashSet<>(findings);
        firstSeen.keySet().retainAll(present);
        reported.removeIf(finding -> {
            boolean gone = !present.contains(finding);
            if (gone) {
                LOG.info("Plugin {} no longer has this problem ({}): {}", finding.subject(), finding.kind(), finding.text());
            }
            return gone;
        });
        problems.sort(Comparator.comparing(PluginProblem::since).thenComparing(PluginProblem::subject));
        return problems;
    }

    /** One problem as found, before it is dated. */
    private record Finding(String subject, Kind kind, String text) {
    }

    private static String subjectOf(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return (name == null ? bundle.getLocation() : name) + " " + bundle.getVersion();
    }

    /**
     * The root cause of a failure SCR reports as a stack trace: the constructor's or activate method's own
     * exception, not the reflection wrapper at the top.
     */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElse("").strip();
        for (String line : (Iterable<String>) failure.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).strip();
            }
        }
        return cause;
    }
}
