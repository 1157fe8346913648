package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.store.NonDeterministicSqlException;
import dev.blixard.store.Statement;
import dev.blixard.store.StoreException;
import dev.blixard.store.WriteBatch;
import org.junit.Test;

/** What the determinism check refuses before a write reaches the log, and what it must let through. */
public class DeterminismGuardTest {

    @Test
    public void randomSourcesAreRefused() {
        assertRefused("INSERT INTO t VALUES (random())", "random(");
        assertRefused("INSERT INTO t VALUES (RANDOM ( ))", "random(");
        assertRefused("INSERT INTO t VALUES (hex(randomblob(16)))", "randomblob(");
        assertRefused("INSERT INTO t VALUES (RandomBlob\n(4))", "randomblob(");
    }

    @Test
    public void clockKeywordsAreRefused() {
        assertRefused("INSERT INTO t VALUES (CURRENT_TIMESTAMP)", "current_timestamp");
        assertRefused("UPDATE t SET d = current_date", "current_date");
        assertRefused("UPDATE t SET d = Current_Time WHERE id = 1", "current_time");
    }

    @Test
    public void nowIsRefusedInEveryDateFunctionAndSpelling() {
        for (String sql : new String[] {"INSERT INTO t VALUES (datetime('now'))", "UPDATE t SET d = date('NOW')",
                "SELECT strftime('%s', 'now')", "SELECT julianday( ' now ' )", "SELECT unixepoch('now', '+1 day')",
                // SQLite reads a double-quoted word as a string when no column has that name.
                "INSERT INTO t VALUES (datetime(\"now\"))",
                // Conservative: a stored text 'now' is refused too (bind it as a parameter instead).
                "INSERT INTO t (word) VALUES ('now')"}) {
            assertRefused(sql, "'now'");
        }
    }

    @Test
    public void dateFunctionsWithoutATimeValueAreRefused() {
        for (String sql : new String[] {"SELECT date()", "SELECT time( )", "SELECT datetime()", "SELECT julianday()",
                "SELECT unixepoch()", "SELECT strftime('%s')", "SELECT strftime(?)", "SELECT strftime('%d,%m')"}) {
            assertRefused(sql, "() without a time value");
        }
        assertRefused("SELECT DateTime ()", "datetime() without a time value");
    }

    @Test
    public void theStoresOwnTableIsOffLimits() {
        try {
            new DeterminismGuard().check(WriteBatch.of(Statement.of("UPDATE _STORE_META SET applied_index = 0")));
            fail("_store_meta was writable");
        } catch (NonDeterministicSqlException e) {
            fail("the wrong refusal: " + e.getMessage());
        } catch (StoreException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("_store_meta, the store's own bookkeeping"));
        }
    }

    @Test
    public void theRefusalNamesTheStatementOfTheBatch() {
        WriteBatch batch = WriteBatch.of(Statement.of("INSERT INTO t VALUES (1)"),
                Statement.of("INSERT INTO t VALUES (random())"));
        try {
            new DeterminismGuard().check(batch);
            fail("random() accepted");
        } catch (NonDeterministicSqlException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("statement 1 uses random("));
            assertTrue(e.getMessage(), e.getMessage().contains("pass the value as a parameter"));
        }
    }

    @Test
    public void theWordsAreAcceptedInsideStringLiterals() {
        assertAccepted("INSERT INTO t VALUES ('random() and CURRENT_TIMESTAMP are words here')");
        assertAccepted("INSERT INTO t VALUES ('it''s random() ''quoted'' current_date')");
        assertAccepted("INSERT INTO t VALUES ('now and then')");
        assertAccepted("INSERT INTO t VALUES ('date()')");
    }

    @Test
    public void theWordsAreAcceptedAsQuotedIdentifiers() {
        assertAccepted("SELECT \"random()\", `current_timestamp`, [x] FROM t");
        assertAccepted("CREATE TABLE t (\"current_date\" TEXT, `randomblob(` BLOB)");
    }

    @Test
    public void theWordsAreAcceptedInsideComments() {
        assertAccepted("-- random(), CURRENT_TIMESTAMP and datetime('now') are not used\nINSERT INTO t VALUES (?)");
        assertAccepted("INSERT INTO t /* current_time, date() */ VALUES (?)");
        assertAccepted("INSERT INTO t VALUES (?) -- 'now' would be wrong here");
    }

    @Test
    public void identifiersThatMerelyContainTheWordsAreAccepted() {
        assertAccepted("UPDATE t SET current_time_ms = ?, random_seed = ?, randomized = 1, last_date = ?");
        assertAccepted("SELECT my_random(x), datetime_text FROM t");
    }

    @Test
    public void dateFunctionsGivenATimeValueAreAccepted() {
        assertAccepted("SELECT date('2026-11-26'), datetime(?, 'unixepoch'), julianday(created_at)");
        assertAccepted("SELECT strftime('%s', ?), strftime('%Y', created_at), time(?, '+1 hour')");
    }

    @Test
    public void maskingKeepsTheLengthAndTheQuotes() {
        String sql = "SELECT 'a''b', \"c\" -- d\n/* e */ FROM t WHERE x = 'unterminated";
        String masked = DeterminismGuard.masked(sql, true);

        assertEquals(sql.length(), masked.length());
        assertEquals("SELECT '    ', \" \"     \n        FROM t WHERE x = '            ", masked);
        assertFalse(DeterminismGuard.masked(sql, false).contains("-- d"));
        assertTrue(DeterminismGuard.masked(sql, false).contains("'a''b'"));
    }

    private static void assertRefused(String sql, String named) {
        try {
            new DeterminismGuard().check(WriteBatch.of(Statement.of(sql)));
            fail("accepted: " + sql);
        } catch (NonDeterministicSqlException e) {
            assertTrue("the refusal of <" + sql + "> should name " + named + ": " + e.getMessage(),
                    e.getMessage().startsWith("statement 0 uses ") && e.getMessage().contains(named));
        }
    }

    private static void assertAccepted(String sql) {
        try {
            new DeterminismGuard().check(WriteBatch.of(Statement.of(sql)));
        } catch (StoreException e) {
            throw new AssertionError("refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Test
    public void statementsThatControlTheTransactionAreRefused() {
        for (String sql : new String[] {"COMMIT", "  rollback", "SAVEPOINT x", "RELEASE x", "BEGIN IMMEDIATE",
                "INSERT OR ROLLBACK INTO t VALUES (1)", "PRAGMA foreign_keys = OFF", "ATTACH 'x.db' AS x", "VACUUM"}) {
            try {
                new DeterminismGuard().check(WriteBatch.of(Statement.of(sql)));
                org.junit.Assert.fail(sql + " accepted");
            } catch (dev.blixard.store.StoreException e) {
                org.junit.Assert.assertTrue(e.getMessage(), e.getMessage().contains("controls the transaction"));
            }
        }
        new DeterminismGuard().check(WriteBatch.of(Statement.of("INSERT OR IGNORE INTO t (commit_sha) VALUES ('rollback')")));
    }
}
