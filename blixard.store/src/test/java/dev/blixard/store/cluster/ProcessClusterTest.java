package dev.blixard.store.cluster;

import dev.blixard.store.internal.StoreNodeProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/**
 * The frame of every multi-process store test: members in JVMs of their own under a temporary folder,
 * killed after each test whatever happened.
 */
public abstract class ProcessClusterTest {
    /** How long any one step (an election, a catch-up, a batch of writes) may take on a busy machine. */
    protected static final Duration DEADLINE = Duration.ofSeconds(60);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    protected LocalCluster cluster;

    @After
    public void killMembers() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Starts {@code size} members with the given store options, waits for a leader and creates the key table.
     *
     * @return the index of the leader
     */
    protected int startWithTable(int size, List<String> options) throws IOException, InterruptedException {
        cluster = LocalCluster.start(folder.getRoot().toPath(), size, options, List.of());
        int leader = cluster.awaitLeader(DEADLINE);
        cluster.node(leader).call("exec " + StoreNodeProcess.KV_TABLE, DEADLINE);
        return leader;
    }
}
