package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sqlite.SQLiteDataSource;

public class ReaderStatementsTest {
    private static final String BY_ID = "SELECT name FROM item WHERE id = ?";

    private Connection raw;
    private ReaderStatements statements;

    @Before
    public void openDatabase() throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite::memory:");
        raw = source.getConnection();
        try (Statement setup = raw.createStatement()) {
            setup.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
            setup.execute("INSERT INTO item VALUES (1, 'one'), (2, 'two')");
        }
        statements = new ReaderStatements(raw);
    }

    @After
    public void closeDatabase() throws SQLException {
        statements.close();
        raw.close();
    }

    @Test
    public void aQueryPreparedAgainAfterItWasClosedIsTheSameStatement() throws SQLException {
        PreparedStatement first = statements.connection().prepareStatement(BY_ID);
        assertEquals("one", name(first, 1));
        first.close();
        assertTrue(first.isClosed());

        PreparedStatement second = statements.connection().prepareStatement(BY_ID);
        assertSame(first, second);
        assertFalse(second.isClosed());
        assertEquals("two", name(second, 2));
        second.close();
    }

    @Test
    public void aQueryStillOpenGetsAFreshStatementWhenPreparedAgain() throws SQLException {
        try (PreparedStatement outer = statements.connection().prepareStatement(BY_ID);
                PreparedStatement inner = statements.connection().prepareStatement(BY_ID)) {
            assertNotSame(outer, inner);
            outer.setLong(1, 1);
            try (ResultSet rows = outer.executeQuery()) {
                rows.next();
                assertEquals("two", name(inner, 2));
                assertEquals("one", rows.getString(1));
            }
        }
    }

    @Test
    public void statementsLeftOpenByAReaderAreGivenBackWithTheConnection() throws SQLException {
        PreparedStatement leaked = statements.connection().prepareStatement(BY_ID);
        leaked.setLong(1, 1);
        ResultSet open = leaked.executeQuery();
        open.next();

        statements.releaseAll();

        assertTrue(open.isClosed());
        assertSame(leaked, statements.connection().prepareStatement(BY_ID));
    }

    @Test(expected = SQLException.class)
    public void readersCannotCloseTheStoresConnection() throws SQLException {
        statements.connection().close();
    }

    private static String name(PreparedStatement statement, long id) throws SQLException {
        statement.setLong(1, id);
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
