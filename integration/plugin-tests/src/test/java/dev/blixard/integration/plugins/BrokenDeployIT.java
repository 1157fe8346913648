package dev.blixard.integration.plugins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.WorkDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * Broken jars dropped into {@code DIR/deploy} never take the node down: a plain library jar (no bundle
 * manifest) and a bundle whose import nothing provides are each named with the reason in {@code /api/plugins}
 * and as DOWN components of {@code /api/health}, the node stays ready (degraded), and other work goes on.
 */
public class BrokenDeployIT {
    @Rule
    public final StartedNodes nodes = new StartedNodes();

    @Test
    public void brokenJarsAreNamedWithTheirReasonAndTheNodeKeepsWorking() throws Exception {
        Path work = WorkDirs.fresh("broken-deploy-jars");
        BlixardNode node = nodes.start("broken-deploy");
        DeployDirectory deploy = new DeployDirectory(node.dataDir());
        deploy.put(BundleJars.plainLibrary(work), "plain-library.jar");
        deploy.put(BundleJars.unresolvedBundle(work), "unresolved-plugin.jar");

        JsonNode problems = node.poll("both problems in /api/plugins", Duration.ofSeconds(30),
                () -> node.api().getJson("/api/plugins").path("problems"), list -> list.size() >= 2);
        JsonNode plain = find(problems, "plain-library.jar");
        assertEquals("not_installed", plain.path("kind").asText());
        assertTrue(plain.toString(), plain.path("problem").asText().contains("no Bundle-SymbolicName"));
        JsonNode unresolved = find(problems, "blixard.test.unresolved 1.0.0");
        assertEquals("unresolved", unresolved.path("kind").asText());
        assertTrue(unresolved.toString(), unresolved.path("problem").asText().contains("com.example.nowhere"));

        JsonNode health = node.api().getJson("/api/health");
        assertEquals(health.toString(), "Down",
                health.path("components").path("broken-plugin:plain-library.jar").path("status").asText());
        assertTrue("ready though degraded: " + health, health.path("ready").asBoolean());

        Queue queue = new Queue(node);
        String job = queue.publish("mock", Map.of("duration_ms", 5, "outcome", "success"));
        queue.awaitAll(List.of(job), "Completed", Duration.ofSeconds(30));

        deploy.remove("plain-library.jar");
        deploy.remove("unresolved-plugin.jar");
        node.poll("no problems left", Duration.ofSeconds(30),
                () -> node.api().getJson("/api/plugins").path("problems"), list -> list.isEmpty());
    }

    private static JsonNode find(JsonNode problems, String subject) {
        for (JsonNode problem : problems) {
            if (subject.equals(problem.path("subject").asText())) {
                return problem;
            }
        }
        throw new AssertionError("no problem of " + subject + " in " + problems);
    }
}
