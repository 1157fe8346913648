package dev.blixard.store.cluster;

import static org.junit.Assert.assertTrue;

import dev.blixard.store.internal.StoreNodeProcess;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The embedded default, a one-node group in a JVM of its own, killed with SIGKILL under load. */
public class SingleNodeKillProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private LocalCluster cluster;

    @After
    public void killMembers() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    public void acknowledgedWritesSurviveKillNineAndRestart() throws Exception {
        cluster = LocalCluster.start(folder.getRoot().toPath(), 1, List.of(), List.of());
        cluster.node(0).call("exec " + StoreNodeProcess.KV_TABLE, DEADLINE);
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
