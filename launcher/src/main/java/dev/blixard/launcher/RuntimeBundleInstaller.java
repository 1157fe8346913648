package dev.blixard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Installs the embedded runtime bundles into an initialised (not yet started) framework, assigns their start
 * levels and marks every non-fragment bundle to be started. The framework starts them when it raises its
 * start level.
 *
 * <p>Bundles the user left out ({@code run --without}) are not installed, and uninstalled when an earlier run
 * installed them. A runtime bundle whose symbolic name and version are already installed from elsewhere (the
 * same backend dropped into {@code deploy/} while it was left out) is not installed a second time: the
 * deployed copy stays in charge.
 */
final class RuntimeBundleInstaller {

    private RuntimeBundleInstaller() {
    }

    /**
     * @return the number of bundles that had to be installed (0 when the cache already held them all)
     */
    static int install(BundleContext context, EmbeddedBundles bundles, Set<String> leftOut, NodeLog log)
            throws BundleException, IOException {
        List<Bundle> runtime = new ArrayList<>();
        int installed = 0;
        for (String fileName : bundles.fileNames()) {
            String location = EmbeddedBundles.location(fileName);
            // A warm cache already holds the bundle under its stable location: skip reading it from the jar.
            Bundle bundle = context.getBundle(location);
            String symbolicName = bundle != null ? bundle.getSymbolicName()
                    : leftOut.isEmpty() ? null : bundles.symbolicName(fileName);
            if (symbolicName != null && leftOut.contains(symbolicName)) {
                if (bundle != null) {
                    bundle.uninstall();
                    log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.INFO, "Uninstalled " + symbolicName
                            + ", which this node runs without (--without)", null);
                }
                continue;
            }
            if (bundle == null) {
                try (InputStream in = bundles.open(fileName)) {
                    bundle = context.installBundle(location, in);
                } catch (BundleException e) {
                    if (e.getType() != BundleException.DUPLICATE_BUNDLE_ERROR) {
                        throw e;
                    }
                    log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.INFO, "Kept the installed copy of " + fileName
                            + " (deployed while the node ran without it) instead of the launcher's", null);
                    continue;
                }
                installed++;
            }
            runtime.add(bundle);
        }
        for (Bundle bundle : runtime) {
            bundle.adapt(BundleStartLevel.class).setStartLevel(StartLevels.of(bundle.getSymbolicName()));
            if (!isFragment(bundle)) {
                // Persistent start: also restores a runtime bundle someone stopped in the console before a restart.
                bundle.start();
            }
        }
        return installed;
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }
}
