package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Applying log entries to the SQLite file directly: batch atomicity within one entry's transaction. */
public class SqliteReplicaTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private SqliteReplica replica;
    private long index;

    @Before
    public void openReplica() throws Exception {
        Path file = folder.getRoot().toPath().resolve("replica.db");
        replica = new SqliteReplica(file, 1);
        replica.open();
        apply(batch(Statement.of("CREATE TABLE item (name TEXT PRIMARY KEY, qty INTEGER NOT NULL)")));
    }

    @After
    public void closeReplica() {
        replica.close();
    }

    @Test
    public void aFailingBatchIsRolledBackAloneAndTheBatchesAfterItSeeTheStateWithoutIt() throws Exception {
        apply(batch(Statement.of("INSERT INTO item VALUES ('taken', 0)")));

        List<BatchOutcome> outcomes = apply(
                batch(Statement.of("INSERT INTO item VALUES ('first', 1)")),
                batch(Statement.of("INSERT INTO item VALUES ('doomed', 2)"),
                        Statement.of("UPDATE item SET qty = qty + 100"),
                        Statement.of("INSERT INTO item VALUES ('taken', 2)")),
                // Would fail had the failed batch's first insert stayed.
                batch(Statement.of("INSERT INTO item VALUES ('doomed', 3)"),
                        Statement.of("UPDATE item SET qty = qty + 1 RETURNING name")));

        assertNull(outcomes.get(0).failure());
        BatchOutcome.Failure failure = outcomes.get(1).failure();
        assertEquals(2, failure.statementIndex());
        assertTrue(failure.message(), failure.message().contains("UNIQUE"));
        assertNull(outcomes.get(2).failure());
        assertEquals(3, outcomes.get(2).results().get(1).rowsAffected());
        assertEquals(List.of("doomed=4", "first=2", "taken=1"), items());
        assertEquals(index, replica.appliedIndex());
    }

    @Test
    public void anEntryWithoutFailuresKeepsEveryBatchAndItsResults() throws Exception {
        List<BatchOutcome> outcomes = apply(
                batch(Statement.of("INSERT INTO item VALUES ('a', 1)"), Statement.of("INSERT INTO item VALUES ('b', 2)")),
                batch(Statement.of("UPDATE item SET qty = qty * 10 WHERE qty > 1 RETURNING qty")));

        assertFalse(outcomes.get(0).skipped());
        assertEquals(List.of(1L), outcomes.get(0).results().get(0).generatedKeys());
        assertEquals(List.of(List.of(20L)), outcomes.get(1).results().get(0).rows());
        assertEquals(List.of("a=1", "b=20"), items());
    }

    @Test
    public void everyBatchOfAnEntryMayFail() throws Exception {
        apply(batch(Statement.of("INSERT INTO item VALUES ('taken', 0)")));

        List<BatchOutcome> outcomes = apply(
                batch(Statement.of("INSERT INTO item VALUES ('taken', 1)")),
                batch(Statement.of("INSERT INTO item VALUES ('x', NULL)")));

        assertEquals(0, outcomes.get(0).failure().statementIndex());
        assertTrue(outcomes.get(1).failure().message(), outcomes.get(1).failure().message().contains("NOT NULL"));
        assertEquals(List.of("taken=0"), items());
        assertEquals(index, replica.appliedIndex());
    }

    @Test
    public void readersDoNotMapTheFileIntoMemory() {
        // A reader that finds the database changed unmaps the whole file before it reads (see connect): with the
        // writer committing all the time, a map costs every read a munmap and a page fault per page.
        long mapped = replica.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("PRAGMA mmap_size");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });

        assertEquals(0, mapped);
    }

    private static WriteBatch batch(Statement... statements) {
        return new WriteBatch(List.of(statements));
    }

    private List<BatchOutcome> apply(WriteBatch... batches) throws Exception {
        return replica.apply(List.of(batches), 1, ++index);
    }

    private List<String> items() {
        return replica.read(connection -> {
            List<String> items = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT name, qty FROM item ORDER BY name");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.add(rows.getString(1) + "=" + rows.getLong(2));
                }
            }
            return items;
        });
    }
}
