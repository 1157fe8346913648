package dev.blixard.integration.osgi;

import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.util.tracker.ServiceTracker;

import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.WorkerService;

/**
 * Base of the OSGi integration tests: every subclass boots a fresh Felix with the launcher's exact
 * runtime bundle set (see {@link BlixardRuntimeOptions}) and gets helpers to wait for services and
 * describe bundles in failure messages.
 *
 * <p>The {@code @Configuration} method runs on the driver side; everything else runs inside the
 * framework, in the Pax Exam probe bundle.
 */
public abstract class BlixardTestSupport {

    /** How long a service may take to appear or go. Generous: the machine may be busy building. */
    protected static final long SERVICE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);

    /** Components settle asynchronously (service events, configuration delivery): this long at most. */
    protected static final long COMPONENT_SETTLE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(20);

    @Inject
    protected BundleContext bundleContext;

    @Configuration
    public Option[] configuration() {
        return new Option[] {BlixardRuntimeOptions.node(getClass().getSimpleName())};
    }

    /**
     * Waits until a service of the given type, usable by this test, is registered and returns it, or
     * fails. The service is held until the probe stops, so a delayed DS component stays activated.
     */
    protected <T> T awaitService(Class<T> type) {
        String filter = "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")";
        ServiceReference<?> reference = awaitReference(type.getName(), filter, false);
        Object service = bundleContext.getService(reference);
        if (service == null) {
            fail(type.getName() + " is registered but its service object could not be obtained");
        }
        return type.cast(service);
    }

    /**
     * Waits for the queue's services (without them the REST API answers 503) and returns a client of this
     * node's REST API.
     */
    protected RestClient awaitRestApi() {
        awaitService(JobCommandService.class);
        awaitService(WorkerService.class);
        return new RestClient(BlixardRuntimeOptions.HTTP_HOST,
                bundleContext.getProperty(BlixardRuntimeOptions.HTTP_PORT_PROPERTY));
    }

    /**
     * Waits until a service matching an LDAP filter is registered, whatever package wiring it uses,
     * and returns its reference, or fails naming what was awaited.
     */
    protected ServiceReference<?> awaitServiceReference(String description, String filter) {
        return awaitReference(description, filter, true);
    }

    private ServiceReference<?> awaitReference(String description, String filter, boolean allClassSpaces) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(bundleContext, filter(filter), null);
        tracker.open(allClassSpaces);
        try {
            if (tracker.waitForService(SERVICE_TIMEOUT_MS) == null) {
                fail(description + " did not appear within " + SERVICE_TIMEOUT_MS + " ms (filter " + filter + ")");
            }
            return tracker.getServiceReference();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + description, e);
        } finally {
            tracker.close();
        }
    }

    /**
     * Waits until the components of the given bundles are all healthy or the settle timeout passes,
     * and returns the last report (healthy, or the one to fail with).
     */
    protected static ComponentReport awaitHealthyComponents(ServiceComponentRuntime scr, Bundle... bundles) {
        return Poll.until(COMPONENT_SETTLE_TIMEOUT_MS, () -> ComponentReport.of(scr, bundles),
                ComponentReport::isHealthy);
    }

    protected Filter filter(String filter) {
        try {
            return FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Bad filter " + filter, e);
        }
    }

    /** All installed bundles except Pax Exam's probe (this test's own bundle). */
    protected List<Bundle> bundlesUnderTest() {
        Bundle probe = FrameworkUtil.getBundle(getClass());
        return Arrays.stream(bundleContext.getBundles())
                .filter(b -> probe == null || b.getBundleId() != probe.getBundleId())
                .collect(Collectors.toList());
    }

    /** The installed bundle with this symbolic name, if any (the probe excluded). */
    protected Optional<Bundle> installedBundle(String symbolicName) {
        return bundlesUnderTest().stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    protected static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** "name version [id] STATE", for failure messages. */
    protected static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "] "
                + stateName(bundle.getState());
    }

    protected static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + state;
        }
    }
}
