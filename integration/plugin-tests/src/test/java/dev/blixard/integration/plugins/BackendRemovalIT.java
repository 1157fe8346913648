package dev.blixard.integration.plugins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * Backends leave and come back while their jobs run, and no job is lost or charged an attempt for it: a
 * third-party backend (the echo test backend) whose jar is deleted from {@code DIR/deploy} and copied back, the
 * node's own local backend stopped and started through the Web Console, and a node started without the wasm
 * backend that gets it by a jar copied into {@code DIR/deploy}.
 */
public class BackendRemovalIT {
    private static final Duration STATE_DEADLINE = Duration.ofSeconds(60);

    @Rule
    public final StartedNodes nodes = new StartedNodes();

    @Test
    public void removingADeployedBackendWhileItsJobsRunSendsThemBackAndTheyRunWhenItReturns() throws Exception {
        BlixardNode node = nodes.start("echo-removal");
        // Each echo takes 8 s, so the jobs are surely running when the jar goes.
        Files.writeString(node.dataDir().resolve("etc").resolve("blixard.integration.testbackend.config"),
                "delay.ms=L\"8000\"\n");
        Queue queue = new Queue(node);
        DeployDirectory deploy = new DeployDirectory(node.dataDir());
        deploy.put(BundleJars.echoBackend(), "echo-backend.jar");
        queue.awaitActiveWorker("echo");
        // FileInstall may activate the backend before it reads the configuration: wait for the configured one.
        node.poll("the echo backend with an 8 s delay", Duration.ofSeconds(30), () -> queue.backend("echo"),
                echo -> "8000".equals(echo.path("health").path("details").path("delay_ms").asText()));

        List<String> jobs = new ArrayList<>();
        // As many as the echo backend runs at once (4), so that all of them are running when it goes.
        for (int i = 0; i < 4; i++) {
            jobs.add(queue.publish("echo", Map.of("n", i)));
        }
        queue.awaitAll(jobs, "InProgress", STATE_DEADLINE);
        deploy.remove("echo-backend.jar");
        queue.awaitAll(jobs, "Pending", STATE_DEADLINE);
        assertTrue("no echo worker while the jar is gone", queue.activeWorkers("echo").isEmpty());

        deploy.put(BundleJars.echoBackend(), "echo-backend.jar");
        for (JsonNode job : queue.awaitAll(jobs, "Completed", STATE_DEADLINE)) {
            assertEquals("released once, then completed: " + job, 1, Queue.attemptsWithOutcome(job, "Released"));
            assertEquals(job.toString(), 1, Queue.attemptsWithOutcome(job, "Completed"));
        }
    }

    @Test
    public void stoppingTheLocalBackendInTheConsoleWhileItsJobsRunSendsThemBackAndStartingItRunsThem()
            throws Exception {
        BlixardNode node = nodes.start("local-removal");
        Queue queue = new Queue(node);
        WebConsole console = new WebConsole(node);
        long localBackend = console.bundle("blixard.backend.local").orElseThrow().path("id").asLong();

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(queue.publish("local", Map.of("command", List.of("sleep", "10"))));
        }
        queue.awaitAll(jobs, "InProgress", STATE_DEADLINE);
        console.act(localBackend, "stop");
        queue.awaitAll(jobs, "Pending", STATE_DEADLINE);
        assertFalse(queue.hasBackend("local"));

        console.act(localBackend, "start");
        for (JsonNode job : queue.awaitAll(jobs, "Completed", STATE_DEADLINE)) {
            assertEquals(job.toString(), 1, Queue.attemptsWithOutcome(job, "Released"));
            assertEquals(0, job.path("result").path("exit_code").asInt());
        }
    }

    @Test
    public void aNodeStartedWithoutTheWasmBackendGetsItFromTheDeployDirectory() throws Exception {
        BlixardNode node = nodes.start("wasm-deploy", "--without", "blixard.backend.wasm");
        Queue queue = new Queue(node);
        assertFalse("left out", queue.hasBackend("wasm"));
        String waiting = queue.publish("wasm", Map.of("wat", "(module (func (export \"answer\") (result i32) i32.const 42))",
                "function", "answer"));

        new DeployDirectory(node.dataDir()).put(BundleJars.wasmBackend(), "blixard.backend.wasm.jar");
        node.poll("the wasm backend", Duration.ofSeconds(30), () -> queue.hasBackend("wasm"), Boolean::booleanValue);

        JsonNode done = queue.awaitAll(List.of(waiting), "Completed", STATE_DEADLINE).get(0);
        assertEquals(done.toString(), 42, done.path("result").path("output").path("results").path(0).asInt());
    }
}
