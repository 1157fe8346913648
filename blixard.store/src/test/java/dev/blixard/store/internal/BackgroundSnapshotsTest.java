package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.util.List;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.server.storage.RaftStorageImpl;
import org.apache.ratis.server.storage.StorageImplUtils;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.SizeInBytes;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Snapshots copied in the background and on request, over a real replica and Ratis's snapshot storage. */
public class BackgroundSnapshotsTest {
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private SqliteReplica replica;
    private RaftStorageImpl raftStorage;
    private SimpleStateMachineStorage storage;
    private BackgroundSnapshots snapshots;
    private long index;

    @Before
    public void open() throws Exception {
        replica = new SqliteReplica(folder.getRoot().toPath().resolve("replica.db"), 2, 0);
        replica.open();
        apply(Statement.of("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
        apply(Statement.of("INSERT INTO item (name) VALUES ('first')"));
        raftStorage = StorageImplUtils.newRaftStorage(folder.newFolder("raft"), SizeInBytes.valueOf(0),
                RaftStorage.StartupOption.FORMAT, RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION);
        raftStorage.initialize();
        storage = new SimpleStateMachineStorage();
        storage.init(raftStorage);
        snapshots = BackgroundSnapshots.start(replica, storage, "test");
    }

    @After
    public void close() throws Exception {
        snapshots.close();
        raftStorage.close();
        replica.close();
    }

    @Test
    public void aCopyIsCollectedOnceItFinished() throws Exception {
        assertTrue(snapshots.start());
        snapshots.awaitIdle();
        SingleFileSnapshotInfo copy = snapshots.collect();
        assertNotNull("the finished copy", copy);
        assertEquals(index, copy.getIndex());
        assertEquals(copy.getTermIndex(), storage.getLatestSnapshot().getTermIndex());
        assertNull("collected once", snapshots.collect());
    }

    @Test
    public void anExplicitSnapshotSupersedesTheCopyThatRanBeforeIt() throws Exception {
        assertTrue(snapshots.start());
        snapshots.awaitIdle();
        apply(Statement.of("INSERT INTO item (name) VALUES ('second')"));

        SingleFileSnapshotInfo explicit = snapshots.takeNow();
        assertEquals("the explicit snapshot has the latest entry", index, explicit.getIndex());
        assertNull("the older copy is not reported after the explicit one", snapshots.collect());
        assertEquals(index, storage.getLatestSnapshot().getIndex());
        assertTrue("a new copy can start", snapshots.start());
    }

    private void apply(Statement statement) throws Exception {
        replica.apply(List.of(new WriteBatch(List.of(statement))), 1, ++index);
    }
}
