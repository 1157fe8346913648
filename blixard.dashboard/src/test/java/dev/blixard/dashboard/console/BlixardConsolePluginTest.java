package dev.blixard.dashboard.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.Health;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import dev.blixard.dashboard.console.ConsoleSources.RegisteredPlugin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/** The servlet as the Web Console calls it: inside its frame, and on its own. */
public class BlixardConsolePluginTest {

    @Test
    public void insideTheConsolesFrameItWritesOnlyItsFragment() throws Exception {
        Response response = new Response("text/html");
        new BlixardConsolePlugin(context()).doGet(request("/system/console"), response.proxy());

        String body = response.body.toString();
        assertEquals("the console's content type is left alone", "text/html", response.contentType);
        assertTrue(body, body.startsWith("<div id=\"blixard-console\">"));
        assertTrue(body, !body.contains("<html") && !body.contains("<head"));
        assertTrue(body, body.contains("<a id=\"blixard-dashboard-link\" href=\"/\">"));
        // No service is bound in a bare instance: every section says so in words.
        assertTrue(body, body.contains("The job queue is not available on this node right now"));
    }

    @Test
    public void onItsOwnItSaysWhatItWrites() throws Exception {
        Response response = new Response(null);
        new BlixardConsolePlugin(context()).doGet(request("/app/system/console"), response.proxy());

        assertEquals("text/html;charset=utf-8", response.contentType);
        assertTrue(response.body.toString(), response.body.toString().contains("href=\"/app/\""));
    }

    @Test
    public void aPluginRegisteredUnderSeveralInterfacesIsListedOnceWithEachKind() throws Exception {
        BlixardConsolePlugin console = new BlixardConsolePlugin(context());
        Validator validator = new Validator();
        bind(console, "validators", validator);
        bind(console, "plainPlugins", validator);
        bind(console, "plainPlugins", Fakes.plugin("other", "Another."));

        List<RegisteredPlugin> plugins = console.sources().plugins();

        assertEquals(2, plugins.size());
        RegisteredPlugin both = plugins.stream().filter(p -> p.plugin() == validator).findFirst().orElseThrow();
        assertEquals(List.of("validator", "plugin"), both.kinds());
        assertNull(console.sources().queries());
    }

    private static void bind(BlixardConsolePlugin console, String field, Object service) throws Exception {
        // What SCR does for a dynamic multiple reference on a final collection field: it adds to the collection.
        Field references = BlixardConsolePlugin.class.getDeclaredField(field);
        references.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) references.get(console);
        list.add(service);
    }

    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(BlixardConsolePluginTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAllServiceReferences":
                        case "getProperty":
                            return null; // no console registered: the default root, /system/console
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static HttpServletRequest request(String contextPath) {
        return (HttpServletRequest) Proxy.newProxyInstance(BlixardConsolePluginTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getContextPath")) {
                        return contextPath;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A response that keeps its content type and what is written through its writer. */
    private static final class Response {
        final StringWriter body = new StringWriter();
        String contentType;

        Response(String contentType) {
            this.contentType = contentType;
        }

        HttpServletResponse proxy() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(BlixardConsolePluginTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getContentType":
                                return contentType;
                            case "setContentType":
                                contentType = (String) args[0];
                                return null;
                            case "getWriter":
                                return writer;
                            default:
                                // Status, headers, output stream: the console's adapter owns them.
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }

    /** A validator that accepts everything. */
    private static final class Validator implements JobValidator {
        @Override
        public ValidationResult validate(JobSubmission submission) {
            return ValidationResult.VALID;
        }

        @Override
        public PluginMetadata metadata() {
            return new PluginMetadata("accept-all", "1.0.0", "Tests", "Accepts every job.");
        }

        @Override
        public Health health() {
            return Health.up("ok");
        }
    }
}
