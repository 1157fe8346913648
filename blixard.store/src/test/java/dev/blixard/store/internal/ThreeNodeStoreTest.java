package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.store.Consistency;
import dev.blixard.store.Member;
import dev.blixard.store.Statement;
import dev.blixard.store.StoreException;
import dev.blixard.store.StoreStatus;
import dev.blixard.store.WriteBatch;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Three members in one JVM on loopback: replication, failover, catch-up, membership. */
public class ThreeNodeStoreTest {
    private static final long LEADER_WAIT_MS = 20_000;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private List<StoreSettings> settings;
    private final List<RaftSqliteStore> nodes = new ArrayList<>();

    @Before
    public void startGroup() throws Exception {
        settings = new ArrayList<>(TestStores.group(folder.getRoot().toPath(), 3));
        for (int i = 0; i < 3; i++) {
            settings.set(i, settings.get(i).withSnapshotThreshold(200));
        }
        for (StoreSettings one : settings) {
            nodes.add(TestStores.start(one));
        }
        TestStores.await("a leader", LEADER_WAIT_MS, () -> leader() >= 0);
        write(0, "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
    }

    @After
    public void stopGroup() {
        nodes.forEach(node -> {
            if (node != null) {
                node.close();
            }
        });
    }

    @Test
    public void aWriteThroughAnyMemberIsReadLinearizablyFromEveryMember() throws Exception {
        for (int i = 0; i < 3; i++) {
            write(i, "INSERT INTO kv VALUES (?, ?)", "from-" + i, i);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("member " + i, 3L, count(i, Consistency.LINEARIZABLE));
        }
    }

    @Test
    public void whenTheLeaderDiesANewOneIsElectedAndNoAcknowledgedWriteIsLost() throws Exception {
        for (int i = 0; i < 50; i++) {
            write(i % 3, "INSERT INTO kv VALUES (?, ?)", "before-" + i, i);
        }
        int old = leader();
        nodes.get(old).close();
        nodes.set(old, null);
        int survivor = (old + 1) % 3;

        TestStores.await("a new leader", LEADER_WAIT_MS, () -> {
            int now = leader();
            return now >= 0 && now != old;
        });
        for (int i = 0; i < 50; i++) {
            write(survivor, "INSERT INTO kv VALUES (?, ?)", "after-" + i, i);
        }
        assertEquals(100L, count(survivor, Consistency.LINEARIZABLE));
        assertEquals(100L, count((old + 2) % 3, Consistency.LINEARIZABLE));
    }

    @Test
    public void aFollowerThatWasDownCatchesUpFromSnapshotAndLog() throws Exception {
        int follower = (leader() + 1) % 3;
        nodes.get(follower).close();
        nodes.set(follower, null);
        int writer = (follower + 1) % 3;
        // Well past the snapshot threshold, so the log it missed is purged and it needs a snapshot.
        for (int i = 0; i < 600; i++) {
            write(writer, "INSERT INTO kv VALUES (?, ?)", "missed-" + i, i);
        }

        nodes.set(follower, TestStores.start(settings.get(follower)));

        TestStores.await("the follower to catch up", 60_000, () -> countSoFar(follower) == 600L);
        assertEquals(600L, count(follower, Consistency.LINEARIZABLE));
    }

    @Test
    public void aFourthMemberJoinsAtRuntimeAndReceivesTheData() throws Exception {
        for (int i = 0; i < 20; i++) {
            write(0, "INSERT INTO kv VALUES (?, ?)", "k" + i, i);
        }
        int port = TestStores.freePort();
        Member fourth = new Member("n4", "127.0.0.1:" + port);
        List<Member> members = new ArrayList<>(settings.get(0).peers());
        members.add(fourth);
        StoreSettings joining = StoreSettings.singleNode("n4", folder.getRoot().toPath().resolve("n4"), port)
                .withPeers(members);
        nodes.add(TestStores.start(joining));

        StoreStatus status = nodes.get(0).addMember(fourth).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertEquals(4, status.members().size());
        TestStores.await("n4 to catch up", 60_000, () -> countSoFar(3) == 20L);
        write(3, "INSERT INTO kv VALUES ('through n4', 1)");
        assertEquals(21L, count(1, Consistency.LINEARIZABLE));
    }

    @Test
    public void everyMemberAgreesOnTheLeaderAndTerm() throws Exception {
        int leader = leader();
        StoreStatus leaderStatus = nodes.get(leader).status();
        for (RaftSqliteStore node : nodes) {
            TestStores.await("agreement on the leader", LEADER_WAIT_MS,
                    () -> leaderStatus.nodeId().equals(node.status().leaderId()));
            assertEquals(leaderStatus.term(), node.status().term());
            assertEquals(3, node.status().members().size());
        }
        assertNotEquals(-1, leader);
        assertTrue(leaderStatus.isLeader());
    }

    private int leader() {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) != null && nodes.get(i).status().isLeader()) {
                return i;
            }
        }
        return -1;
    }

    private void write(int node, String sql, Object... parameters) throws Exception {
        nodes.get(node).write(WriteBatch.of(Statement.of(sql, parameters))).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The rows a catching-up member holds so far; -1 while it has not even applied the CREATE TABLE. */
    private long countSoFar(int node) {
        try {
            return count(node, Consistency.LOCAL);
        } catch (StoreException noTableYet) {
            return -1;
        }
    }

    private long count(int node, Consistency consistency) {
        return nodes.get(node).read(consistency, connection -> {
            try (java.sql.Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery("SELECT count(*) FROM kv")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
