package dev.blixard.integration.osgi;

import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Proves that the launcher's runtime set, as the build resolved and exported it, boots in Felix:
 * every jar of {@code launcher/target/runtime/export/blixard} is installed, and every bundle of
 * the framework is ACTIVE (fragments RESOLVED). A bundle that resolves in bnd but fails to start in
 * Felix (an activator exception, a missing optional import used at start) fails here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBundlesTest extends BlixardTestSupport {

    @Test
    public void everyJarOfTheRuntimeSetIsInstalled() {
        Set<String> locations = Arrays.stream(bundleContext.getBundles())
                .map(Bundle::getLocation)
                .collect(Collectors.toSet());
        List<Path> missing = BlixardRuntimeOptions.runtimeJars().stream()
                .filter(jar -> !locations.contains(jar.toUri().toString()))
                .collect(Collectors.toList());
        assertTrue("Runtime jars not installed: " + missing, missing.isEmpty());
    }

    @Test
    public void theRuntimeSetContainsTheBlixardBundles() {
        List<String> blixard = bundlesUnderTest().stream()
                .map(Bundle::getSymbolicName)
                .filter(name -> name != null && name.startsWith("blixard."))
                .collect(Collectors.toList());
        assertTrue("No blixard.* bundle in the runtime set: " + blixard, blixard.contains("blixard.api"));
    }

    @Test
    public void everyBundleIsActiveAndEveryFragmentResolved() {
        List<String> offenders = bundlesUnderTest().stream()
                .filter(b -> b.getState() != (isFragment(b) ? Bundle.RESOLVED : Bundle.ACTIVE))
                .map(b -> isFragment(b) ? describe(b) + " (fragment)" : describe(b) + ": " + whyNotActive(b))
                .collect(Collectors.toList());
        assertTrue("Bundles not ACTIVE (fragments: not RESOLVED):\n  " + String.join("\n  ", offenders),
                offenders.isEmpty());
    }

    /**
     * The framework's reason for a bundle not being active, found by trying to start it once
     * (transiently): Felix names the missing requirement or the activator's exception.
     */
    private static String whyNotActive(Bundle bundle) {
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return "started only when retried, state now " + stateName(bundle.getState());
        } catch (BundleException | RuntimeException e) {
            StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                reason.append("; caused by ").append(cause);
            }
            return reason.toString();
        }
    }
}
