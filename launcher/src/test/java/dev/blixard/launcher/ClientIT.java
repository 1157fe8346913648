package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.blixard.testing.NodeProcess;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client commands of the packaged {@code blixard.jar} against a real node: each command is its own
 * {@code java -jar} process that finds the node's URL and admin token through {@code --data-dir}, as a user on
 * the node's machine would.
 */
public class ClientIT {

    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public ChildProcesses children = new ChildProcesses();

    private Path dataDir;

    /** The outcome of one client command. */
    private record Result(int status, String out, String err) {
    }

    @Before
    public void startNode() throws Exception {
        dataDir = temp.getRoot().toPath().resolve("data");
        NodeProcess node = children.start("run", "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(NodeProcess.freePort()));
        node.awaitBanner();
        node.await("a ready node", NodeProcess.START_DEADLINE, () -> client("health").status() == 0);
    }

    @After
    public void stopNode() {
        children.stopAll();
    }

    @Test
    public void aMockJobRunsToCompletionAndShowsUpEverywhere() throws Exception {
        Result submitted = client("submit", "--type", "mock", "--label", "suite=client-it",
                "{\"outcome\":\"success\",\"duration_ms\":50}");
        assertEquals(submitted.err(), 0, submitted.status());
        String id = submitted.out().strip();
        assertNotEquals("", id);

        JsonNode job = awaitFinished(id);
        assertEquals(job.toString(), "Completed", job.path("status").asText());

        Result completed = client("jobs", "--status", "Completed");
        assertEquals(completed.err(), 0, completed.status());
        assertThat(completed.out(), startsWith("ID "));
        assertThat(completed.out(), containsString(id + "  Completed"));

        Result detail = client("job", id);
        assertEquals(detail.err(), 0, detail.status());
        assertThat(detail.out(), containsString("labels"));
        assertThat(detail.out(), containsString("suite"));

        Result stats = client("stats");
        assertEquals(stats.err(), 0, stats.status());
        assertThat(stats.out(), containsString("Completed"));

        Result health = client("health");
        assertEquals(health.err(), 0, health.status());
        assertThat(health.out(), containsString("ready"));

        Result workers = client("workers");
        assertEquals(workers.err(), 0, workers.status());

        Result json = client("stats", "--json");
        assertEquals(json.err(), 0, json.status());
        long completedCount = JSON.readTree(json.out()).path("by_status").path("Completed").asLong(0);
        assertTrue(json.out(), completedCount >= 1);
    }

    @Test
    public void anUnknownJobExitsThreeAndABadTokenFiveWithOneLineEach() throws Exception {
        Result unknown = client("job", "no-such-job");
        assertEquals(unknown.err(), 3, unknown.status());
        assertThat(unknown.err(), startsWith("blixard: 404 "));
        assertEquals(unknown.err(), 1, unknown.err().lines().count());

        Result badToken = client("jobs", "--token", "not-a-valid-token-at-all");
        assertEquals(badToken.err(), 5, badToken.status());
        assertThat(badToken.err(), startsWith("blixard: 401 "));
        assertEquals(badToken.err(), 1, badToken.err().lines().count());
    }

    /** Polls {@code job ID --json} until the job is Completed, Failed or Cancelled. */
    private JsonNode awaitFinished(String id) throws Exception {
        long end = System.nanoTime() + JOB_DEADLINE.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < end) {
            Result result = client("job", id, "--json");
            assertEquals(result.err(), 0, result.status());
            job = JSON.readTree(result.out());
            if (List.of("Completed", "Failed", "Cancelled").contains(job.path("status").asText())) {
                return job;
            }
            Thread.sleep(200);
        }
        fail("job " + id + " did not finish within " + JOB_DEADLINE.toSeconds() + " s: " + job);
        return job;
    }

    /** Runs {@code blixard ARGS --data-dir DIR} and waits for it. */
    private Result client(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString()));
        try {
            NodeProcess process = children.start(command.toArray(String[]::new));
            int status = process.awaitExit(COMMAND_DEADLINE);
            return new Result(status, process.stdout(), process.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
