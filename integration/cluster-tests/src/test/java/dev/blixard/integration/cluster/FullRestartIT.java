package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/** Every node killed with SIGKILL in the middle of a run and restarted: the state is intact and work resumes. */
public class FullRestartIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Rule
    public final ClusterRule nodes = new ClusterRule();

    @Test
    public void afterAllThreeAreKilledTheJobsAreThereAndTheUnfinishedOnesComplete() throws Exception {
        TestCluster cluster = nodes.start("full-restart", 3);
        cluster.awaitLeader(any -> true);
        BlixardNode n1 = cluster.node("n1");
        JobLoad done = new JobLoad(cluster, "done", 300, 50, 0);
        done.run();
        JobChecks.awaitCompleted(n1, 300, DEADLINE);
        Map<String, String> statusBefore = statuses(n1, done.acknowledged().values());

        // Long enough jobs that some are still running when the nodes die.
        JobLoad running = new JobLoad(cluster, "running", 300, 50, 2_000);
        running.run();
        running.rethrow();
        n1.await("some of the second run completed", DEADLINE,
                () -> JobChecks.byStatus(n1).path("Completed").asInt() >= 330);
        for (String id : cluster.liveIds()) {
            cluster.kill(id);
        }

        for (String id : new String[] {"n1", "n2", "n3"}) {
            cluster.relaunch(id);
        }
        for (String id : new String[] {"n1", "n2", "n3"}) {
            cluster.node(id).awaitReady();
        }
        cluster.awaitLeader(any -> true);
        BlixardNode restarted = cluster.node("n2");
        JsonNode stats = restarted.api().getJson("/api/queue/stats");
        assertEquals("every acknowledged job is there", 600, stats.path("total").asInt());
        assertTrue(stats.path("by_status").toString(), stats.path("by_status").path("Completed").asInt() >= 330);
        assertEquals("the first run is as it was", statusBefore, statuses(restarted, done.acknowledged().values()));

        JobChecks.awaitCompleted(restarted, 600, DEADLINE);
        JobChecks.assertCompletedOnce(restarted, running.acknowledged().values());
        JobLoad after = new JobLoad(cluster, "after", 100, 50, 0);
        after.run();
        JobChecks.awaitCompleted(restarted, 700, DEADLINE);
    }

    private static Map<String, String> statuses(BlixardNode node, Iterable<String> ids) {
        Map<String, String> statuses = new HashMap<>();
        for (String id : ids) {
            statuses.put(id, node.api().getJson("/api/jobs/" + id).path("status").asText());
        }
        return statuses;
    }
}
