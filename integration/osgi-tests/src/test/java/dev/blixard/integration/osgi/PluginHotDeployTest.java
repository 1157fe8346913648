package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.util.tracker.ServiceTracker;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.ValidationResult;
import dev.blixard.api.service.JobCommandService;

/**
 * Proves the plugin model at runtime: a third-party bundle that only knows {@code blixard.api}
 * (the test plugin of {@code integration/test-plugin}, installed from its jar file while the node
 * runs) resolves against the runtime set, its DS component registers a {@link JobValidator}
 * service that really validates, the queue applies it to the next submit, and uninstalling the bundle
 * takes the service (and its verdicts) away.
 *
 * <p>Each test installs and starts the plugin before and uninstalls it after, so tests do not
 * depend on each other's order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginHotDeployTest extends BlixardTestSupport {

    /** The worker type the test plugin refuses. */
    private static final String FORBIDDEN = "forbidden";

    private Bundle plugin;
    private ServiceTracker<JobValidator, JobValidator> pluginValidators;
    private final CountDownLatch pluginValidatorRemoved = new CountDownLatch(1);

    @Before
    public void installAndStartPlugin() throws BundleException {
        String location = BlixardRuntimeOptions.testPluginJar().toURI().toString();
        plugin = bundleContext.installBundle(location);
        plugin.start();
        pluginValidators = trackValidatorsOf(plugin);
    }

    @After
    public void uninstallPlugin() throws BundleException {
        if (pluginValidators != null) {
            pluginValidators.close();
        }
        if (plugin != null && plugin.getState() != Bundle.UNINSTALLED) {
            plugin.uninstall();
        }
    }

    @Test
    public void pluginRegistersItsValidatorWhenStarted() {
        JobValidator validator = awaitPluginValidator();
        assertNotNull("the plugin's validator has no metadata", validator.metadata());
        assertFalse("the plugin's validator has no name", validator.metadata().name().isBlank());
    }

    @Test
    public void pluginComponentIsSatisfied() {
        awaitPluginValidator();
        ComponentReport report = awaitHealthyComponents(awaitService(ServiceComponentRuntime.class), plugin);
        assertEquals("components of the plugin bundle: " + report.components, 1, report.components.size());
        assertTrue("plugin component not SATISFIED/ACTIVE\n" + report, report.isHealthy());
    }

    @Test
    public void pluginValidatorRejectsTheForbiddenWorkerType() {
        ValidationResult result = awaitPluginValidator().validate(submissionFor("shell", FORBIDDEN));
        assertFalse("a submission for worker type \"" + FORBIDDEN + "\" was accepted", result.isValid());
        assertEquals("violations: " + result.violations(), 1, result.violations().size());
        assertEquals("worker_types[1]", result.violations().get(0).field());
    }

    @Test
    public void pluginValidatorAcceptsOtherWorkerTypes() {
        ValidationResult result = awaitPluginValidator().validate(submissionFor("shell", "wasm"));
        assertTrue("a submission for allowed worker types was rejected: " + result.violations(), result.isValid());
    }

    @Test
    public void pluginValidatorGoesWhenThePluginIsUninstalled() throws Exception {
        awaitPluginValidator();
        plugin.uninstall();
        assertTrue("the plugin's JobValidator was still registered " + SERVICE_TIMEOUT_MS
                        + " ms after the plugin was uninstalled",
                pluginValidatorRemoved.await(SERVICE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertTrue("JobValidator services of the uninstalled plugin: " + pluginValidators.size(),
                pluginValidators.isEmpty());
    }

    @Test
    public void deployedValidatorAppliesToTheNextSubmitAndLeavesWithItsBundle() throws Exception {
        awaitPluginValidator();
        JobCommandService commands = awaitService(JobCommandService.class);
        try {
            commands.submit(submissionFor("shell", FORBIDDEN));
            fail("the queue accepted a job the deployed validator refuses");
        } catch (InvalidRequestException refused) {
            assertEquals("violations: " + refused.violations(), "worker_types[1]", refused.violations().get(0).field());
        }
        plugin.uninstall();
        assertTrue("the plugin's validator did not go", pluginValidatorRemoved.await(SERVICE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        // Service events are delivered before uninstall returns: the queue's whiteboard has let go already.
        assertTrue("the queue still refused the job after the validator's bundle left",
                commands.submit(submissionFor("shell", FORBIDDEN)).created());
    }

    /** Tracks the JobValidator services registered by one bundle, noting when one goes. */
    private ServiceTracker<JobValidator, JobValidator> trackValidatorsOf(Bundle bundle) {
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + JobValidator.class.getName() + ")("
                + Constants.SERVICE_BUNDLEID + "=" + bundle.getBundleId() + "))";
        ServiceTracker<JobValidator, JobValidator> tracker =
                new ServiceTracker<>(bundleContext, filter(filter), null) {
                    @Override
                    public void removedService(ServiceReference<JobValidator> reference, JobValidator service) {
                        pluginValidatorRemoved.countDown();
                        super.removedService(reference, service);
                    }
                };
        tracker.open();
        return tracker;
    }

    private JobValidator awaitPluginValidator() {
        try {
            JobValidator validator = pluginValidators.waitForService(SERVICE_TIMEOUT_MS);
            if (validator == null) {
                fail("the plugin " + describe(plugin) + " registered no JobValidator within " + SERVICE_TIMEOUT_MS
                        + " ms");
            }
            return validator;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the plugin's JobValidator", e);
        }
    }

    private static JobSubmission submissionFor(String... workerTypes) {
        return JobSubmission.builder("{\"task\":\"integration-test\"}").workerTypes(workerTypes).build();
    }
}
