package dev.blixard.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The embedded OSGi framework of a node and its life cycle: boot with the runtime bundles, wait, stop.
 *
 * <p>A stop may be requested from another thread (a signal) at any moment, including while the node boots;
 * {@link #start} checks for it around the framework calls so that a node asked to stop never comes up.
 */
final class NodeFramework {

    private final Framework framework;
    private final NodeLog log;
    private volatile boolean stopRequested;

    private NodeFramework(Framework framework, NodeLog log) {
        this.framework = framework;
        this.log = log;
    }

    /** Creates (but does not start) the framework found through {@link FrameworkFactory} on the class path. */
    static NodeFramework create(Map<String, Object> properties, NodeLog log) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, NodeFramework.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        // Felix accepts non-string values (its logger object); the OSGi signature says String, hence the cast.
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> config = (Map) properties;
        return new NodeFramework(factory.newFramework(config), log);
    }

    /**
     * Initialises the framework, installs the runtime bundles and starts it, returning once the framework has
     * reached its beginning start level (every runtime bundle started or failed) or a stop was requested.
     *
     * @return the number of bundles installed from the launcher jar (0 on a warm cache)
     */
    int start(EmbeddedBundles bundles, Set<String> leftOut, Duration timeout) throws StartupException {
        try {
            if (stopRequested) {
                return 0;
            }
            framework.init();
            if (stopRequested) {
                return stopBeforeStart(0);
            }
            BundleContext context = framework.getBundleContext();
            log.attach(context);
            int installed = RuntimeBundleInstaller.install(context, bundles, leftOut, log);

            CountDownLatch started = new CountDownLatch(1);
            FrameworkListener listener = event -> {
                if (event.getType() == FrameworkEvent.STARTED) {
                    started.countDown();
                }
            };
            context.addFrameworkListener(listener);
            try {
                if (stopRequested) {
                    return stopBeforeStart(installed);
                }
                framework.start();
                if (stopRequested) {
                    framework.stop(); // the request may have raced with start(); stopping twice is harmless
                    return installed;
                }
                if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new StartupException("the OSGi framework did not start within " + timeout.toSeconds() + " s");
                }
                return installed;
            } finally {
                removeQuietly(context, listener);
            }
        } catch (BundleException | IOException | IllegalStateException e) {
            if (stopRequested) {
                return 0; // the stop request pulled the framework away from under the boot: that is the clean way out
            }
            throw new StartupException("cannot start the OSGi framework: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
    }

    /**
     * A stop requested while the framework was being initialised may have found it not yet stoppable; an
     * initialised framework must be stopped explicitly, or {@link #awaitTermination} would wait for ever.
     */
    private int stopBeforeStart(int installed) throws BundleException {
        framework.stop();
        return installed;
    }

    private static void removeQuietly(BundleContext context, FrameworkListener listener) {
        try {
            context.removeFrameworkListener(listener);
        } catch (IllegalStateException frameworkStopped) {
            // listeners went away with the framework
        }
    }

    boolean isStopRequested() {
        return stopRequested;
    }

    /** Asks the framework to stop; returns at once (Felix stops on its own thread). */
    void requestStop() {
        stopRequested = true;
        try {
            framework.stop();
        } catch (BundleException e) {
            log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.ERROR, "cannot stop the framework: " + e.getMessage(), e);
        }
    }

    /** Waits up to {@code timeout} for the framework to finish stopping; true when it did. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    /**
     * Blocks until the framework has stopped for good. A restart asked from inside (the Web Console's
     * "restart", an update of the system bundle) stops the framework too; the node then starts it again, as the
     * OSGi launching contract expects of the launcher.
     *
     * @return true when the framework stopped normally, false when it stopped because of an error
     */
    boolean awaitTermination() throws InterruptedException, BundleException {
        while (true) {
            FrameworkEvent event = framework.waitForStop(0);
            boolean restart = event.getType() == FrameworkEvent.STOPPED_UPDATE
                    || event.getType() == FrameworkEvent.STOPPED_SYSTEM_REFRESHED;
            if (restart && !stopRequested) {
                log.detach(); // its tracker belongs to the stopped framework instance
                framework.init();
                log.attach(framework.getBundleContext());
                log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.INFO, "Restarting the OSGi framework", null);
                framework.start();
                continue;
            }
            log.detach();
            return event.getType() != FrameworkEvent.ERROR;
        }
    }

    /** Bundles that have not finished stopping: what a stop that timed out is waiting for. */
    List<String> bundlesStillStopping() {
        try {
            BundleContext context = framework.getBundleContext();
            Bundle[] bundles = context == null ? new Bundle[0] : context.getBundles();
            return Arrays.stream(bundles)
                    .filter(b -> b.getBundleId() != 0)
                    .filter(b -> b.getState() == Bundle.STOPPING || b.getState() == Bundle.ACTIVE)
                    .map(b -> b.getSymbolicName() + (b.getState() == Bundle.STOPPING ? " (stopping)" : " (not stopped yet)"))
                    .toList();
        } catch (IllegalStateException e) {
            return List.of("(the framework is gone)");
        }
    }
}
