package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.store.Consistency;
import dev.blixard.store.NonDeterministicSqlException;
import dev.blixard.store.Statement;
import dev.blixard.store.StatementFailedException;
import dev.blixard.store.StoreException;
import dev.blixard.store.WriteBatch;
import dev.blixard.store.WriteResult;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A one-node group: real Ratis, real SQLite. */
public class SingleNodeStoreTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private StoreSettings settings;
    private RaftSqliteStore store;

    @Before
    public void startStore() throws Exception {
        settings = StoreSettings.singleNode("solo", folder.getRoot().toPath().resolve("solo"), TestStores.freePort());
        store = TestStores.start(settings);
        write(Statement.of("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER)"));
    }

    @After
    public void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    public void aBatchIsAppliedWithRowsKeysAndReturningRows() throws Exception {
        WriteResult result = write(
                Statement.of("INSERT INTO item (name, qty) VALUES (?, ?)", "a", 1),
                Statement.of("INSERT INTO item (name, qty) VALUES (?, ?), (?, ?)", "b", 2, "c", 3),
                Statement.of("UPDATE item SET qty = qty + 10 WHERE qty >= ? RETURNING name, qty", 2));

        assertEquals(1, result.result(0).rowsAffected());
        assertEquals(List.of(1L), result.result(0).generatedKeys());
        assertEquals(2, result.result(1).rowsAffected());
        assertEquals(List.of("name", "qty"), result.result(2).columns());
        assertEquals(List.of(List.of("b", 12L), List.of("c", 13L)), result.result(2).rows());
        assertEquals(3L, count());
    }

    @Test
    public void aFailingStatementRollsBackItsWholeBatchAndTheStoreGoesOn() throws Exception {
        write(Statement.of("INSERT INTO item (name) VALUES ('taken')"));
        try {
            write(Statement.of("INSERT INTO item (name) VALUES ('fresh')"),
                    Statement.of("INSERT INTO item (name) VALUES ('taken')"));
            fail("duplicate accepted");
        } catch (StatementFailedException e) {
            assertEquals(1, e.statementIndex());
            assertTrue(e.isConstraintViolation());
            assertTrue(e.getMessage(), e.getMessage().contains("UNIQUE"));
        }
        assertEquals("the first statement was rolled back too", 1L, count());
        write(Statement.of("INSERT INTO item (name) VALUES ('after')"));
        assertEquals(2L, count());
    }

    @Test
    public void syntaxErrorsComeBackAsStatementFailures() throws Exception {
        try {
            write(Statement.of("INSERT INTO nowhere VALUES (1)"));
            fail();
        } catch (StatementFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no such table"));
        }
    }

    @Test
    public void nonDeterministicSqlIsRefusedBeforeReplication() throws Exception {
        long before = store.status().appliedIndex();
        for (String sql : new String[] {"INSERT INTO item (name, qty) VALUES ('x', random())",
                "INSERT INTO item (name) VALUES (datetime('now'))", "INSERT INTO item (name) VALUES (CURRENT_TIMESTAMP)",
                "INSERT INTO item (name) VALUES (hex(randomblob (4)))", "UPDATE _store_meta SET applied_index = 0"}) {
            try {
                write(Statement.of(sql));
                fail(sql + " accepted");
            } catch (StoreException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("statement 0"));
            }
        }
        assertEquals("nothing reached the log", before, store.status().appliedIndex());
        write(Statement.of("INSERT INTO item (name) VALUES ('random() in a literal is fine')"));
    }

    @Test
    public void theDeterminismCheckIsNotFooledByComments() {
        try {
            write(Statement.of("INSERT INTO item (name, qty) VALUES ('x', /* seed */ RANDOM ( ))"));
            fail();
        } catch (Exception e) {
            assertTrue(e instanceof NonDeterministicSqlException);
        }
    }

    /**
     * The leader hands its own writes and read-index rounds to its Raft division on the calling thread. Through
     * RaftServer's entry point each would first go to a thread of Ratis's client executor ("solo-client-threadN"),
     * with the caller blocked until it returned: two thread switches per entry for nothing.
     */
    @Test
    public void theLeadersOwnRequestsNeedNoThreadOfRatissClientExecutor() throws Exception {
        for (int i = 0; i < 20; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "item" + i));
        }
        assertEquals(20L, count(Consistency.LINEARIZABLE));

        List<String> clientThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.matches("solo-client-thread\\d+")).sorted().toList();
        assertEquals(List.of(), clientThreads);
    }

    @Test
    public void readsSeeAcknowledgedWritesAtEitherConsistency() throws Exception {
        write(Statement.of("INSERT INTO item (name, qty) VALUES ('r', 5)"));
        assertEquals(1L, count(Consistency.LOCAL));
        assertEquals(1L, count(Consistency.LINEARIZABLE));
    }

    @Test
    public void concurrentWritesShareLogEntries() throws Exception {
        long before = store.status().appliedIndex();
        List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            writes.add(store.write(WriteBatch.of(Statement.of("INSERT INTO item (name) VALUES (?)", "n" + i)))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        long entries = store.status().appliedIndex() - before;

        assertEquals(2000L, count());
        assertTrue("2000 writes took " + entries + " log entries", entries < 1000);
    }

    @Test
    public void aLeadersOwnWritesLeaveNoRepliesInTheRetryCache() throws Exception {
        for (int i = 0; i < 300; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "cached-" + i));
        }
        // Each write names the calls answered before it, so only the last one's reply is still held.
        long held = store.retryCacheSize();
        assertTrue("the retry cache holds " + held + " replies after 300 answered writes", held <= 2);
    }

    @Test
    public void applyListenersHearEveryIndex() throws Exception {
        List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addApplyListener(heard::add);
        WriteResult result = write(Statement.of("INSERT INTO item (name) VALUES ('heard')"));
        assertTrue(heard + " lacks " + result.index(), heard.contains(result.index()));
    }

    @Test
    public void acknowledgedWritesSurviveARestartWithSnapshotAndLog() throws Exception {
        for (int i = 0; i < 50; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "before-" + i));
        }
        long snapshotIndex = store.takeSnapshot();
        assertTrue(snapshotIndex > 0);
        for (int i = 0; i < 50; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "after-" + i));
        }
        store.close();

        store = TestStores.start(settings);
        TestStores.await("a leader after restart", 20_000, () -> store.status().isLeader());

        assertEquals(100L, count(Consistency.LINEARIZABLE));
        write(Statement.of("INSERT INTO item (name) VALUES ('after restart')"));
        assertEquals(101L, count());
    }

    @Test
    public void aLostDatabaseFileIsRebuiltFromSnapshotAndLog() throws Exception {
        for (int i = 0; i < 20; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "kept-" + i));
        }
        store.takeSnapshot();
        write(Statement.of("INSERT INTO item (name) VALUES ('in the log only')"));
        store.close();
        for (String name : new String[] {"blixard.db", "blixard.db-wal", "blixard.db-shm"}) {
            java.nio.file.Files.deleteIfExists(settings.directory().resolve(name));
        }

        store = TestStores.start(settings);
        TestStores.await("a leader after restart", 20_000, () -> store.status().isLeader());

        assertEquals(21L, count(Consistency.LINEARIZABLE));
    }

    @Test
    public void aTruncatedDatabaseFileIsSetAsideAndRebuiltFromSnapshotAndLog() throws Exception {
        for (int i = 0; i < 20; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "kept-" + i));
        }
        store.takeSnapshot();
        write(Statement.of("INSERT INTO item (name) VALUES ('in the log only')"));
        store.close();
        java.nio.file.Path file = settings.directory().resolve("blixard.db");
        // Half a header: SQLite reports the file as damaged, whatever the WAL holds.
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(50);
        }

        store = TestStores.start(settings);
        TestStores.await("a leader after restart", 20_000, () -> store.status().isLeader());

        assertEquals(21L, count(Consistency.LINEARIZABLE));
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(settings.directory())) {
            assertTrue("the damaged file is kept aside",
                    files.anyMatch(kept -> kept.getFileName().toString().startsWith("blixard.db.corrupt-")));
        }
    }

    @Test
    public void snapshotsTakenInTheBackgroundRebuildALostDatabase() throws Exception {
        store.close();
        store = TestStores.start(settings.withSnapshotThreshold(40));
        TestStores.await("a leader after restart", 20_000, () -> store.status().isLeader());
        for (int i = 0; i < 200; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "item-" + i));
        }
        // The copy runs beside the writes; Ratis learns of it with the entries applied after it finished.
        TestStores.await("a snapshot taken by the threshold", 20_000, () -> snapshotFiles() > 0);
        for (int i = 0; i < 50; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", "late-" + i));
        }
        store.close();
        for (String name : new String[] {"blixard.db", "blixard.db-wal", "blixard.db-shm"}) {
            java.nio.file.Files.deleteIfExists(settings.directory().resolve(name));
        }

        store = TestStores.start(settings);
        TestStores.await("a leader after restart", 20_000, () -> store.status().isLeader());

        assertEquals(250L, count(Consistency.LINEARIZABLE));
    }

    /**
     * A snapshot of a large database is paced by the log (SnapshotPacing): the next one comes only once the log
     * since it reaches half its size, however many entries pass Ratis's threshold before. With the threshold
     * alone, a snapshot would follow every 40 entries, and retention (two files) would have dropped the large one.
     */
    @Test
    public void aLargeDatabaseIsSnapshottedAgainOnlyOnceTheLogHasGrownByHalfItsSize() throws Exception {
        store.close();
        store = TestStores.start(settings.withSnapshotThreshold(40));
        TestStores.await("a leader after restart", 20_000, () -> store.status().isLeader());
        write(Statement.of("CREATE TABLE filler (data TEXT NOT NULL)"));
        String halfMebibyte = "x".repeat(512 * 1024);
        for (long written = 0; written <= SnapshotPacing.SCALED_ABOVE_BYTES; written += halfMebibyte.length()) {
            write(Statement.of("INSERT INTO filler (data) VALUES (?)", written + halfMebibyte));
        }
        writeUntil("a snapshot larger than " + SnapshotPacing.SCALED_ABOVE_BYTES + " bytes",
                () -> latestSnapshotBytes() > SnapshotPacing.SCALED_ABOVE_BYTES);
        long large = snapshotIndexes().get(snapshotIndexes().size() - 1);
        long largeBytes = latestSnapshotBytes();

        for (int i = 0; i < 200; i++) {
            write(Statement.of("INSERT INTO filler (data) VALUES (?)", "small-" + i));
        }
        for (long logged = 0; logged < largeBytes / 2; logged += halfMebibyte.length()) {
            write(Statement.of("INSERT INTO filler (data) VALUES (?)", logged + halfMebibyte));
        }
        writeUntil("the next snapshot, with the older ones removed", () -> {
            List<Long> indexes = snapshotIndexes();
            return indexes.size() == 2 && indexes.get(1) > large;
        });
        List<Long> kept = snapshotIndexes();
        assertEquals("no snapshot between the large one and the next: " + kept, large, (long) kept.get(0));
        assertTrue("the next one comes after the small entries and the log: " + kept, kept.get(1) > large + 200);
    }

    /** Writes one small row at a time until {@code condition} holds: Ratis asks for snapshots as entries apply. */
    private void writeUntil(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; snapshots: " + snapshotIndexes());
            }
            write(Statement.of("INSERT INTO filler (data) VALUES (?)", "tick"));
        }
    }

    /** @return the log indexes of the snapshots in storage, oldest first */
    private List<Long> snapshotIndexes() {
        return snapshots().stream().map(SingleNodeStoreTest::snapshotIndex).sorted().toList();
    }

    private long latestSnapshotBytes() throws java.io.IOException {
        java.util.Optional<java.nio.file.Path> latest = snapshots().stream()
                .max(java.util.Comparator.comparingLong(SingleNodeStoreTest::snapshotIndex));
        return latest.isEmpty() ? 0 : java.nio.file.Files.size(latest.get());
    }

    private static long snapshotIndex(java.nio.file.Path snapshot) {
        String name = snapshot.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('_') + 1));
    }

    @Test
    public void theWriteAheadLogIsCopiedIntoTheDatabaseFileBesideApply() throws Exception {
        String kilobytes = "x".repeat(4096);
        for (int i = 0; i < 500; i++) {
            write(Statement.of("INSERT INTO item (name) VALUES (?)", i + kilobytes));
        }
        // Apply never checkpoints (wal_autocheckpoint=0): only the checkpointer moves pages into the file.
        java.nio.file.Path database = settings.directory().resolve("blixard.db");
        TestStores.await("2 MB checkpointed into " + database, 20_000,
                () -> database.toFile().length() >= 2_000_000);
    }

    private long snapshotFiles() {
        return snapshots().size();
    }

    /** @return the snapshot files now; scans again when a snapshot's partial file vanished meanwhile */
    private List<java.nio.file.Path> snapshots() {
        while (true) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(settings.directory())) {
                return files.filter(file -> file.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private WriteResult write(Statement... statements) throws Exception {
        try {
            return store.write(WriteBatch.of(statements)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new CompletionException(e.getCause());
        }
    }

    private long count() {
        return count(Consistency.LOCAL);
    }

    private long count(Consistency consistency) {
        return store.read(consistency, connection -> {
            try (java.sql.Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery("SELECT count(*) FROM item")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
