package dev.blixard.dashboard.console;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.junit.Test;

/** The dashboard's address from a console request's context path. */
public class DashboardLinkTest {

    @Test
    public void theDashboardIsTheHttpServicesRoot() {
        assertEquals("/", DashboardLink.href("/system/console", "/system/console"));
        assertEquals("/app/", DashboardLink.href("/app/system/console", "/system/console"));
        assertEquals("/", DashboardLink.href("/admin", "/admin"));
        assertEquals("/", DashboardLink.href("", "/system/console"));
        assertEquals("/", DashboardLink.href(null, null));
    }

    @Test
    public void theConsoleRootComesFromItsWhiteboardContextFirst() {
        ServiceReference<?> registration = reference(Map.of("osgi.http.whiteboard.context.path", "/admin"));
        assertEquals("/admin", DashboardLink.consoleRoot(context(new ServiceReference<?>[] {registration}, null)));
    }

    @Test
    public void thenFromTheFrameworkPropertyThenTheDefault() {
        assertEquals("/ops", DashboardLink.consoleRoot(context(null, "/ops")));
        assertEquals("/system/console", DashboardLink.consoleRoot(context(null, null)));
    }

    private static BundleContext context(ServiceReference<?>[] found, String managerRoot) {
        return (BundleContext) Proxy.newProxyInstance(DashboardLinkTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAllServiceReferences":
                            if (!String.valueOf(args[1]).contains("osgi.http.whiteboard.context.name="
                                    + DashboardLink.CONSOLE_CONTEXT_NAME)) {
                                throw new AssertionError("unexpected filter " + args[1]);
                            }
                            return found;
                        case "getProperty":
                            return DashboardLink.MANAGER_ROOT_PROPERTY.equals(args[0]) ? managerRoot : null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static ServiceReference<?> reference(Map<String, Object> properties) {
        return (ServiceReference<?>) Proxy.newProxyInstance(DashboardLinkTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
