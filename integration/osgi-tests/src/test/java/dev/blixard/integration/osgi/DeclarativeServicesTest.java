package dev.blixard.integration.osgi;

import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Proves that the Declarative Services components of the Blixard bundles (symbolic name
 * {@code blixard.*}) are wired in the booted runtime set: SCR manages every bundle that declares
 * components, every component configuration is SATISFIED or ACTIVE, and every SATISFIED one
 * activates when its service is used. A missing service, a wrong target filter or an exception in
 * {@code @Activate} fails with the component's name, its unsatisfied references and the activation
 * failure (see {@link ComponentReport}).
 *
 * <p>Generic on purpose: it reads whatever components SCR reports, so each new Blixard component
 * is covered without touching this test. ({@link PluginHotDeployTest} checks the same report on
 * the test plugin's component, so the check is known to see components.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeclarativeServicesTest extends BlixardTestSupport {

    private ServiceComponentRuntime scr;

    @Before
    public void findScr() {
        scr = awaitService(ServiceComponentRuntime.class);
    }

    @Test
    public void scrManagesEveryBlixardBundleThatDeclaresComponents() {
        List<String> ignored = blixardBundles().stream()
                .filter(b -> b.getHeaders("").get("Service-Component") != null)
                .filter(b -> scr.getComponentDescriptionDTOs(b).isEmpty())
                .map(b -> describe(b) + " declares Service-Component: " + b.getHeaders("").get("Service-Component"))
                .collect(Collectors.toList());
        assertTrue("SCR manages no component of these bundles (DS XML not found or not understood?):\n  "
                + String.join("\n  ", ignored), ignored.isEmpty());
    }

    @Test
    public void everyBlixardComponentIsSatisfiedOrActive() {
        ComponentReport report = awaitHealthyComponents(scr, blixardBundles().toArray(new Bundle[0]));
        assertTrue("Blixard components not SATISFIED/ACTIVE after " + COMPONENT_SETTLE_TIMEOUT_MS + " ms\n"
                + report, report.isHealthy());
    }

    /**
     * A delayed component is only SATISFIED until someone uses its service: getting every service
     * of every SATISFIED Blixard component runs its {@code @Activate}, and an exception there shows
     * as FAILED_ACTIVATION with its failure.
     */
    @Test
    public void everyBlixardComponentActivatesWhenItsServiceIsUsed() {
        Bundle[] bundles = blixardBundles().toArray(new Bundle[0]);
        List<String> unusable = new ArrayList<>();
        for (ComponentConfigurationDTO configuration : configurations(bundles)) {
            if (configuration.state == ComponentConfigurationDTO.SATISFIED) {
                unusable.addAll(useServicesOf(configuration));
            }
        }
        ComponentReport report = ComponentReport.of(scr, bundles);
        assertTrue("Blixard components failed when their service was used\n" + report
                + (unusable.isEmpty() ? "" : "\nservices that gave no object:\n  " + String.join("\n  ", unusable)),
                report.isHealthy() && unusable.isEmpty());
    }

    private List<ComponentConfigurationDTO> configurations(Bundle... bundles) {
        List<ComponentConfigurationDTO> configurations = new ArrayList<>();
        if (bundles.length > 0) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundles)) {
                configurations.addAll(scr.getComponentConfigurationDTOs(description));
            }
        }
        return configurations;
    }

    /**
     * Gets (and keeps, until the framework stops) every service the component configuration
     * registered, which activates it; returns the services that gave no object.
     */
    private List<String> useServicesOf(ComponentConfigurationDTO configuration) {
        List<String> unusable = new ArrayList<>();
        ServiceReference<?>[] references;
        try {
            references = bundleContext.getAllServiceReferences(null, "(component.id=" + configuration.id + ")");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            if (bundleContext.getService(reference) == null) {
                unusable.add(configuration.description.name + " " + reference);
            }
        }
        return unusable;
    }

    private List<Bundle> blixardBundles() {
        return bundlesUnderTest().stream()
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("blixard."))
                .collect(Collectors.toList());
    }
}
