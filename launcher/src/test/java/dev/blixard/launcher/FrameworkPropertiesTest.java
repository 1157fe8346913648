package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.eventadmin.impl.util.Matchers;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FrameworkPropertiesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theAdminTokenGoesInAsItsSha256Only() throws Exception {
        String token = "abc";
        Map<String, Object> properties = properties(token);

        // FIPS 180-2's test vector: the hash blixard.core computes of a bearer secret.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                properties.get(FrameworkProperties.ADMIN_TOKEN_SHA256));
        assertFalse("no property carries the token itself", properties.containsValue(token));
    }

    /** Read by Felix Event Admin's own matcher, the one that decides whether a handler runs under a timeout. */
    @Test
    public void blixardsEventHandlersAndOnlyTheyRunWithoutEventAdminsTimeoutThread() throws Exception {
        String ignored = (String) properties("abc").get("org.apache.felix.eventadmin.IgnoreTimeout");
        Matchers.Matcher[] matchers = Matchers.createPackageMatchers(ignored.split(","));

        assertTrue(matches(matchers, "dev.blixard.http.metrics.MetricsComponent"));
        assertTrue(matches(matchers, "dev.blixard.http.events.EventStreamHub"));
        assertFalse(matches(matchers, "com.example.plugin.AuditHandler"));
        assertFalse(matches(matchers, "dev.blixardian.Handler"));
    }

    private static boolean matches(Matchers.Matcher[] matchers, String className) {
        for (Matchers.Matcher matcher : matchers) {
            if (matcher.match(className)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> properties(String adminToken) throws Exception {
        Path root = temp.getRoot().toPath().resolve("data");
        return FrameworkProperties.of(DataDirectory.prepare(root),
                new RunOptions(root, 7070, "127.0.0.1", Optional.empty()), "n1", "0.1.0", false, "{sha-256}hashed",
                adminToken, new NodeLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
