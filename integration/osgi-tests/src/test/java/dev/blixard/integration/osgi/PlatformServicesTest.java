package dev.blixard.integration.osgi;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Arrays;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Proves that the platform services Blixard builds on are up in the booted runtime set: Event Admin
 * (job events), Config Admin and Metatype (backend configuration, editable in the Web Console), and
 * the HTTP server (REST API, dashboard, console) listening on the port the node was started with
 * ({@code org.osgi.service.http.port}, a free port chosen by the test).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformServicesTest extends BlixardTestSupport {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    @Test
    public void eventAdminIsAvailable() {
        assertNotNull(awaitService(EventAdmin.class));
    }

    @Test
    public void configurationAdminIsAvailable() {
        assertNotNull(awaitService(ConfigurationAdmin.class));
    }

    @Test
    public void metaTypeServiceIsAvailable() {
        assertNotNull(awaitService(MetaTypeService.class));
    }

    @Test
    public void httpServerAnswersOnTheConfiguredPort() throws IOException {
        String port = bundleContext.getProperty(BlixardRuntimeOptions.HTTP_PORT_PROPERTY);
        assertNotNull("framework property " + BlixardRuntimeOptions.HTTP_PORT_PROPERTY + " is not set", port);
        // Felix HTTP registers its runtime service once Jetty is started.
        ServiceReference<?> runtime = awaitServiceReference("HTTP service runtime",
                "(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime)");
        String endpoints = asText(runtime.getProperty("osgi.http.endpoint"));
        assertTrue("HTTP runtime endpoints " + endpoints + " do not use port " + port,
                endpoints.contains(":" + port + "/"));

        URL root = new URL("http://" + BlixardRuntimeOptions.HTTP_HOST + ":" + port + "/");
        int status = get(root);
        assertTrue("GET " + root + " returned no HTTP status: " + status, status >= 100 && status <= 599);
    }

    private static String asText(Object property) {
        if (property instanceof Object[]) {
            return Arrays.toString((Object[]) property);
        }
        return String.valueOf(property);
    }

    /** The status of a GET, failing on a transport error (a refused connection above all). */
    private static int get(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setInstanceFollowRedirects(false);
        try {
            return connection.getResponseCode();
        } catch (ConnectException e) {
            fail("Nothing listens on " + url + ": " + e.getMessage());
            throw e; // not reached
        } finally {
            connection.disconnect();
        }
    }
}
