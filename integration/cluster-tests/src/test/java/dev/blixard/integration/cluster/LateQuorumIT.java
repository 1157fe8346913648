package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import dev.blixard.testing.BlixardNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * A member started well before its peers becomes ready on its own once they run: the start-up race that left a
 * fresh member unready in one clean-clone run in two (its store was offered to the queue and token components
 * before there was a leader; their schema writes timed out, they never activated again, and Ratis had given up
 * on the member's write client for good). The store's write timeout is cut to {@value #WRITE_TIMEOUT_MS} ms
 * so that being late by three of them shows it in seconds rather than minutes.
 */
public class LateQuorumIT {
    private static final long WRITE_TIMEOUT_MS = 4_000;
    /** How long n1 runs alone: past the write timeout and past Ratis's retries of its first requests. */
    private static final Duration ALONE = Duration.ofMillis(3 * WRITE_TIMEOUT_MS);

    @Rule
    public final ClusterRule nodes = new ClusterRule();

    @Test
    public void aMemberStartedLongBeforeItsPeersBecomesReadyWhenTheyRun() throws Exception {
        TestCluster cluster = nodes.define("late-quorum", 3,
                Map.of("blixard.store.cfg", "write.timeout.ms=" + WRITE_TIMEOUT_MS + "\n"),
                id -> TestCluster.NodeHost.LOOPBACK);
        BlixardNode first = cluster.launch("n1");
        // The wait is the scenario (peers that start late), not a guess at a race: n1 must stay unready all along.
        long aloneUntil = System.nanoTime() + ALONE.toNanos();
        while (System.nanoTime() < aloneUntil) {
            assertNotEquals("n1 without a quorum must not be ready", 200, healthStatus(first));
            Thread.sleep(250);
        }

        cluster.launch("n2");
        cluster.launch("n3");
        for (String id : List.of("n1", "n2", "n3")) {
            cluster.node(id).awaitReady();
        }

        String jobId = first.api().publish("{\"payload\": {\"outcome\": \"success\"}, \"worker_types\": [\"mock\"]}");
        first.poll("the job submitted through n1 to complete", Duration.ofSeconds(30),
                () -> first.api().job(jobId).path("status").asText(), "Completed"::equals);
        assertEquals("n1 follows the leader the others follow", cluster.awaitLeader(any -> true),
                cluster.clusterView("n1").path("leader_id").asText());
    }

    /** @return the status of {@code GET /api/health}, or -1 while HTTP does not answer */
    private static int healthStatus(BlixardNode node) {
        try {
            return node.api().statusOf("GET", "/api/health", null);
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }
}
