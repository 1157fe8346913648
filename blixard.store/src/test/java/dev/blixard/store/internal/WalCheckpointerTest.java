package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WalCheckpointerTest {
    private static final long PERIOD_MILLIS = 100;
    /** 200 rows of 4 KiB each: well over 100 pages in the log. */
    private static final int ROWS = 200;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private Connection writer;
    private WalCheckpointer checkpointer;

    @Before
    public void open() throws Exception {
        file = folder.getRoot().toPath().resolve("test.db");
        writer = connect();
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA wal_autocheckpoint=0");
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        }
        checkpointer = WalCheckpointer.start(connect(), "test", PERIOD_MILLIS, 0);
    }

    @After
    public void close() throws SQLException {
        checkpointer.close();
        writer.close();
    }

    @Test
    public void nothingIsDueWithoutACommit() {
        assertFalse(checkpointer.isDue());
        assertEquals(0, checkpointer.checkpointsRun());
    }

    @Test
    public void aCommitIsCopiedIntoTheFileAPeriodLater() throws Exception {
        long before = Files.size(file);
        insertRows();
        checkpointer.written();
        assertTrue(checkpointer.isDue());
        TestStores.await("the rows checkpointed into " + file, 10_000, () -> grownBy(before));
        TestStores.await("nothing due once the log is copied whole", 10_000, () -> !checkpointer.isDue());
    }

    @Test
    public void commitsWithinAPeriodShareOneCheckpoint() throws Exception {
        insertRows();
        checkpointer.written();
        checkpointer.written();
        checkpointer.written();
        TestStores.await("the checkpoint ran", 10_000, () -> !checkpointer.isDue());
        assertEquals("one checkpoint for the three commits", 1, checkpointer.checkpointsRun());
    }

    @Test
    public void framesAReaderHoldsBackAreCopiedOnceItIsDone() throws Exception {
        long before = Files.size(file);
        try (Connection reader = connect()) {
            reader.setAutoCommit(false);
            try (Statement read = reader.createStatement();
                    ResultSet rows = read.executeQuery("SELECT count(*) FROM item")) {
                rows.next();
                // The reader's snapshot predates these rows: a passive checkpoint cannot copy them while it reads.
                insertRows();
                checkpointer.written();
                TestStores.await("checkpoints again while frames are held back", 10_000,
                        () -> checkpointer.checkpointsRun() >= 2);
                assertFalse("the held-back rows are not in the file yet", grownBy(before));
                assertTrue(checkpointer.isDue());
            }
            reader.commit();
        }
        TestStores.await("the held-back rows copied once the reader is done", 10_000, () -> grownBy(before));
        TestStores.await("nothing due once the log is copied whole", 10_000, () -> !checkpointer.isDue());
    }

    @Test
    public void aPassThatFindsAnotherCheckpointRunningTellsNothingAndIsRetried() throws Exception {
        insertRows();
        Thread holder;
        try (Connection reader = connect(); Connection other = connect(); Connection probe = connect()) {
            reader.setAutoCommit(false);
            try (Statement read = reader.createStatement();
                    ResultSet rows = read.executeQuery("SELECT count(*) FROM item")) {
                rows.next();
                insertRows();
                // A RESTART checkpoint takes SQLite's checkpoint lock and then waits for the reader to move on,
                // as the writer's own pass does before it starts the log over: a passive pass is then busy.
                holder = new Thread(() -> restartCheckpoint(other), "wal-checkpointer-test-lock-holder");
                holder.start();
                TestStores.await("the other checkpoint holds the lock", 10_000, () -> checkpointBusy(probe));

                checkpointer.written();
                TestStores.await("busy passes are tried again", 10_000, () -> checkpointer.checkpointsRun() >= 3);
                assertEquals("a busy pass saw no restart of the log", 0, checkpointer.restartsSeen());
                assertFalse("a busy pass asks no restart of the writer", checkpointer.takeRestart());
                assertTrue("still due: nothing was learnt of the log", checkpointer.isDue());
            }
            reader.commit();
            holder.join(TimeUnit.SECONDS.toMillis(10));
        }
        TestStores.await("nothing due once the log is copied whole", 10_000, () -> !checkpointer.isDue());
    }

    /**
     * Runs a RESTART checkpoint that holds the lock until the reader is done. SQLite takes the checkpoint lock
     * without waiting, so a passive checkpoint of the probe that holds it at that moment makes this one give up
     * at once (log -1): it then tries again.
     */
    private static void restartCheckpoint(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=30000");
            boolean lockTaken = false;
            while (!lockTaken) {
                try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
                    lockTaken = result.next() && result.getInt(2) != -1;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the other checkpoint failed", e);
        }
    }

    /** @return whether a passive checkpoint now finds the checkpoint lock taken (SQLite's busy column) */
    private static boolean checkpointBusy(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return result.next() && result.getInt(1) != 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private void insertRows() throws SQLException {
        String kilobytes = "x".repeat(4096);
        try (Statement statement = writer.createStatement()) {
            for (int i = 0; i < ROWS; i++) {
                statement.executeUpdate("INSERT INTO item (name) VALUES ('" + i + kilobytes + "')");
            }
        }
    }

    private boolean grownBy(long before) {
        return file.toFile().length() >= before + (long) ROWS * 4096;
    }
}
