package dev.blixard.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * Stops the node cleanly on SIGTERM and SIGINT (Ctrl-C), so that every component is deactivated and the
 * process exits 0.
 *
 * <p>A JVM shutdown hook alone is not enough: on SIGTERM the JVM runs it but then exits with status 143,
 * whatever the hook did. Handling the two signals (with {@code sun.misc.Signal}, from the {@code jdk.unsupported}
 * module that every OpenJDK has) replaces the JVM's default action: the handler stops the framework, and the
 * main thread, which was waiting for exactly that, returns normally and exits 0. The shutdown hook remains for
 * the other ways a JVM ends (SIGHUP, {@code System.exit} elsewhere, a JVM without {@code sun.misc.Signal}).
 *
 * <p>The handlers are installed before the node exists, so that a signal during boot is a clean stop too:
 * the node, once handed over with {@link #manage}, is stopped before it comes up. When the framework does not
 * stop within the timeout, the bundles it is still waiting for are logged and the process exits 1.
 */
final class GracefulShutdown {

    private final Duration timeout;
    private final NodeLog log;
    private final AtomicBoolean initiated = new AtomicBoolean();
    private volatile NodeFramework node;

    private GracefulShutdown(Duration timeout, NodeLog log) {
        this.timeout = timeout;
        this.log = log;
    }

    static GracefulShutdown install(Duration timeout, NodeLog log) {
        GracefulShutdown shutdown = new GracefulShutdown(timeout, log);
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> shutdown.onSignal("SIG" + signal.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // This signal cannot be handled here (e.g. the JVM runs with -Xrs): the shutdown hook still stops the node.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::onJvmExit, "blixard-shutdown-hook"));
        return shutdown;
    }

    /** Hands over the node to stop; stops it at once if a signal came first. */
    void manage(NodeFramework managed) {
        node = managed;
        if (initiated.get()) {
            managed.requestStop();
        }
    }

    private void onSignal(String signal) {
        if (!initiated.compareAndSet(false, true)) {
            return; // a second Ctrl-C while stopping: the first one is still being handled
        }
        log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.INFO, "Received " + signal + ", stopping the node", null);
        NodeFramework managed = node;
        try {
            if (managed != null && !stop(managed)) {
                System.exit(Main.EXIT_FAILURE);
            }
        } catch (RuntimeException | LinkageError e) {
            // Seen when blixard.jar was replaced under the running process: the framework's classes for stopping
            // are loaded lazily and no longer found. Without this the signal would be swallowed and the node
            // would ignore every later one.
            log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.ERROR, "Cannot stop the node cleanly (" + e
                    + "); was blixard.jar replaced while it ran? Exiting without stopping the bundles", e);
            Runtime.getRuntime().halt(Main.EXIT_FAILURE);
        }
        // Otherwise the main thread sees the framework stopped (or never starts it) and exits 0.
    }

    private void onJvmExit() {
        NodeFramework managed = node;
        if (initiated.compareAndSet(false, true) && managed != null) {
            stop(managed);
        }
    }

    private boolean stop(NodeFramework managed) {
        managed.requestStop();
        try {
            if (managed.awaitStopped(timeout)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.ERROR, "The node did not stop within " + timeout.toSeconds()
                + " s; still waiting for: " + String.join(", ", managed.bundlesStillStopping()), null);
        return false;
    }
}
