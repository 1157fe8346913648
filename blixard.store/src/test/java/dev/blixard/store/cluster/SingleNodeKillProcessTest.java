package dev.blixard.store.cluster;

import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/** The embedded default, a one-node group in a JVM of its own, killed with SIGKILL under load. */
public class SingleNodeKillProcessTest extends ProcessClusterTest {

    @Test
    public void acknowledgedWritesSurviveKillNineAndRestart() throws Exception {
        startWithTable(1, List.of());
        KeyWriters writers = new KeyWriters(cluster, 8).start();
        writers.awaitAcknowledged(2_000, DEADLINE);

        // Eight writers are mid-write when the process dies: their writes may or may not be in the log.
        cluster.kill(0);
        writers.stop(DEADLINE);
        cluster.restart(0);

        List<String> keys = ClusterAssertions.keysOf(cluster.node(0));
        ClusterAssertions.assertExactlyOnce("the restarted node", keys, writers);
        assertTrue(keys.size() + " rows for " + writers.acknowledged().size() + " acknowledged writes",
                keys.size() >= writers.acknowledged().size());
        cluster.node(0).call("insert after-the-restart", DEADLINE);
    }
}
