package dev.blixard.dashboard.console;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where the dashboard is, seen from a console page. The Web Console runs in an Http Whiteboard context of its
 * own whose path is its manager root ({@code /system/console} unless configured), so a console request's context
 * path is the HTTP service's root followed by that root; the dashboard is the HTTP service's root.
 */
final class DashboardLink {

    /** The Web Console's context name (OsgiManager's {@code SERVLEXT_CONTEXT_NAME}). */
    static final String CONSOLE_CONTEXT_NAME = "org.apache.felix.webconsole";
    /** The console's framework property for its root, read when its context cannot be found. */
    static final String MANAGER_ROOT_PROPERTY = "felix.webconsole.manager.root";
    static final String DEFAULT_MANAGER_ROOT = "/system/console";

    private static final String CONTEXT_PATH = "osgi.http.whiteboard.context.path";

    private DashboardLink() {
    }

    /**
     * @param contextPath the console request's context path, for example {@code /system/console} or
     *        {@code /app/system/console}
     * @param consoleRoot the console's own context path, for example {@code /system/console}
     * @return the dashboard's address: {@code /}, or {@code /app/} under an HTTP service mounted at {@code /app}
     */
    static String href(String contextPath, String consoleRoot) {
        String path = contextPath == null ? "" : contextPath;
        String root = consoleRoot == null || consoleRoot.equals("/") ? "" : consoleRoot;
        if (!root.isEmpty() && path.endsWith(root)) {
            path = path.substring(0, path.length() - root.length());
        }
        return path.endsWith("/") ? path : path + "/";
    }

    /**
     * @return the console's context path: from its whiteboard context registration, so that a root configured
     *     through Config Admin counts too; else the framework property; else the console's default
     */
    static String consoleRoot(BundleContext context) {
        try {
            // By property, not by class: this bundle does not import the whiteboard's packages for one lookup.
            ServiceReference<?>[] found = context.getAllServiceReferences(null,
                    "(&(osgi.http.whiteboard.context.name=" + CONSOLE_CONTEXT_NAME + ")(" + CONTEXT_PATH + "=*))");
            if (found != null && found.length > 0 && found[0].getProperty(CONTEXT_PATH) instanceof String path) {
                return path;
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the console context filter is a constant and valid", e);
        }
        String property = context.getProperty(MANAGER_ROOT_PROPERTY);
        return property == null || property.isBlank() ? DEFAULT_MANAGER_ROOT : property;
    }
}
