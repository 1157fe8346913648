package dev.blixard.launcher;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The log of the launcher itself and of the Felix framework (through {@link FelixLogAdapter}). While
 * pax-logging runs, messages go through its OSGi {@code LoggerFactory} service and so reach the node's console
 * and {@code logs/blixard.log} like every bundle's; before it is up and after it has stopped they go to stderr in
 * the same layout.
 *
 * <p>The log service's types live in a bundle, not on the launcher's class path, so they are called
 * reflectively.
 */
final class NodeLog {

    static final String FRAMEWORK_LOGGER = "org.apache.felix.framework";
    static final String LAUNCHER_LOGGER = "dev.blixard.launcher";

    private static final String LOGGER_FACTORY = "org.osgi.service.log.LoggerFactory";
    private static final String LOGGER = "org.osgi.service.log.Logger";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** Log levels, numbered like Felix's and the OSGi LogService's. */
    enum Level {
        ERROR("error"), WARN("warn"), INFO("info"), DEBUG("debug");

        private final String loggerMethod;

        Level(String loggerMethod) {
            this.loggerMethod = loggerMethod;
        }

        static Level ofFelix(int level) {
            return level <= 1 ? ERROR : level == 2 ? WARN : level == 3 ? INFO : DEBUG;
        }
    }

    private final PrintStream fallback;
    private volatile ServiceTracker<Object, Object> loggerFactories;

    NodeLog(PrintStream fallback) {
        this.fallback = fallback;
    }

    void log(String loggerName, Level level, String message, Throwable exception) {
        if (!forward(loggerName, level, message, exception)) {
            fallback.println(LocalTime.now().format(TIME) + " " + String.format("%-5s", level) + " " + loggerName
                    + " - " + message);
            if (exception != null) {
                exception.printStackTrace(fallback);
            }
        }
    }

    /** Starts following the framework's log service; call once the framework is initialised. */
    void attach(BundleContext systemContext) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(systemContext, LOGGER_FACTORY, null);
        // All services: the launcher cannot load the log API classes, so the class-space check must not apply.
        tracker.open(true);
        loggerFactories = tracker;
    }

    void detach() {
        ServiceTracker<Object, Object> tracker = loggerFactories;
        loggerFactories = null;
        if (tracker != null) {
            try {
                tracker.close();
            } catch (IllegalStateException frameworkAlreadyStopped) {
                // nothing left to untrack
            }
        }
    }

    private boolean forward(String loggerName, Level level, String message, Throwable exception) {
        ServiceTracker<Object, Object> tracker = loggerFactories;
        Object factory = tracker == null ? null : tracker.getService();
        if (factory == null) {
            return false;
        }
        try {
            ClassLoader loader = factory.getClass().getClassLoader();
            Class<?> factoryType = Class.forName(LOGGER_FACTORY, false, loader);
            Class<?> loggerType = Class.forName(LOGGER, false, loader);
            Object logger = factoryType.getMethod("getLogger", String.class).invoke(factory, loggerName);
            // "{}" keeps braces in the message literal; a trailing Throwable argument becomes the exception.
            Object[] arguments = exception == null ? new Object[] {message} : new Object[] {message, exception};
            loggerType.getMethod(level.loggerMethod, String.class, Object[].class).invoke(logger, "{}", arguments);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false; // the service is going away; stderr still gets the message
        }
    }
}
