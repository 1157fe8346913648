package dev.blixard.core.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Why an installed bundle is not doing its work: a requirement nothing provides (the common case: a plugin
 * built against a package or version the node does not export), or a start that failed although the bundle
 * was asked to start. Reads the framework's state; changes nothing.
 */
final class BundleDiagnosis {
    private final FrameworkWiring wiring;

    BundleDiagnosis(FrameworkWiring wiring) {
        this.wiring = wiring;
    }

    /** @return why the bundle cannot resolve, when it is installed but unresolved and meant to run */
    Optional<String> unresolved(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED || isFragment(bundle) || waitsForItsStartLevel(bundle)) {
            return Optional.empty();
        }
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            if (isMandatoryAtResolve(requirement) && wiring.findProviders(requirement).isEmpty()) {
                missing.add(describe(requirement));
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("it cannot resolve: nothing provides " + String.join("; ", missing));
        }
        // Nothing it requires directly is missing. Asking the framework to resolve it here would tell more, but a
        // resolve takes the framework's global lock and, while another thread updates this very bundle, Felix
        // breaks that wait by interrupting the updater, failing the update. So this only reads: a bundle asked
        // to start that is still unresolved once the finding has settled failed its resolve.
        if (!persistentlyStarted(bundle)) {
            return Optional.empty();
        }
        return Optional.of("it was asked to start but is not resolved: a bundle it needs cannot resolve either, or it "
                + "uses a package two ways (the node log has the resolver's reason)");
    }

    /** @return why a resolved bundle that was asked to start is not active */
    Optional<String> notStarted(Bundle bundle) {
        if (bundle.getState() != Bundle.RESOLVED || isFragment(bundle) || !persistentlyStarted(bundle)
                || waitsForItsStartLevel(bundle)) {
            return Optional.empty();
        }
        return Optional.of("it resolved but its start failed (its activator threw; the node log has the exception)");
    }

    /** A bundle whose start level the framework has not reached is waiting, not broken. */
    private boolean waitsForItsStartLevel(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        FrameworkStartLevel framework = wiring.getBundle().adapt(FrameworkStartLevel.class);
        return startLevel != null && framework != null && startLevel.getStartLevel() > framework.getStartLevel();
    }

    private static boolean persistentlyStarted(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** Requirements that must be met for the bundle to resolve: not optional, effective at resolve time. */
    private static boolean isMandatoryAtResolve(Requirement requirement) {
        Map<String, String> directives = requirement.getDirectives();
        String resolution = directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
        String effective = directives.get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
        return !Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                && (effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective));
    }

    /** For example {@code package com.example.api (&(osgi.wiring.package=com.example.api)(version>=2.0.0))}. */
    static String describe(Requirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String namespace = requirement.getNamespace();
        String what = PackageNamespace.PACKAGE_NAMESPACE.equals(namespace) ? "package" : namespace;
        String name = nameIn(filter, namespace);
        return what + (name.isEmpty() ? "" : " " + name) + " " + filter;
    }

    private static String nameIn(String filter, String namespace) {
        String key = "(" + namespace + "=";
        int start = filter.indexOf(key);
        if (start < 0) {
            return "";
        }
        int end = filter.indexOf(')', start);
        return end < 0 ? "" : filter.substring(start + key.length(), end);
    }
}
