package dev.blixard.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepared statements kept per read connection. Readers prepare the same few queries again and again (a
 * claim's candidates, a job by id, a token by hash), and preparing a query of thirty columns costs SQLite
 * three to five times what running it does. Readers still write plain JDBC: the connection they are handed
 * ({@link #connection()}) answers {@code prepareStatement(sql)} from this cache, and closing such a statement
 * returns it here instead of finalizing it.
 *
 * <p>One reader uses a connection at a time (the replica's pool hands each to one thread), so no locking. A
 * statement still open when the same query is prepared again (a nested loop) gets a fresh, uncached one.
 */
final class ReaderStatements implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderStatements.class);
    private static final int CAPACITY = 128;

    private final Connection connection;
    private final Connection cachingConnection;
    private final Map<String, Cached> statements = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() > CAPACITY && !eldest.getValue().inUse) {
                closeQuietly(eldest.getValue().statement);
                return true;
            }
            return false;
        }
    };

    ReaderStatements(Connection connection) {
        this.connection = connection;
        this.cachingConnection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** @return the connection to hand to readers: the real one, except that it prepares from the cache */
    Connection connection() {
        return cachingConnection;
    }

    /** @return the real connection, for the replica's own transaction control */
    Connection raw() {
        return connection;
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (method.getName().equals("close")) {
            throw new SQLException("a read connection belongs to the store and is not closed by its reader");
        }
        return invoke(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached == null) {
            cached = new Cached(connection.prepareStatement(sql));
            statements.put(sql, cached);
        } else if (cached.inUse) {
            return connection.prepareStatement(sql);
        }
        cached.inUse = true;
        return cached.handle;
    }

    /** Gives back every statement a reader left open: called when the connection returns to the pool. */
    void releaseAll() throws SQLException {
        for (Cached cached : statements.values()) {
            cached.giveBack();
        }
    }

    /** Finalizes the cached statements (the connection itself is the replica's to close). */
    @Override
    public void close() {
        statements.values().forEach(cached -> closeQuietly(cached.statement));
        statements.clear();
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing a cached read statement failed: {}", e.getMessage());
        }
    }

    /** A cached statement and the handle readers get for it, whose close() gives it back. */
    private static final class Cached implements InvocationHandler {
        private final PreparedStatement statement;
        private final PreparedStatement handle;
        private ResultSet lastResult;
        private boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.handle = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    giveBack();
                    return null;
                case "isClosed":
                    return !inUse;
                case "executeQuery":
                    lastResult = (ResultSet) ReaderStatements.invoke(statement, method, args);
                    return lastResult;
                default:
                    return ReaderStatements.invoke(statement, method, args);
            }
        }

        /** Resets the statement (a result left open would keep the read transaction's snapshot pinned). */
        private void giveBack() throws SQLException {
            if (!inUse) {
                return;
            }
            if (lastResult != null && !lastResult.isClosed()) {
                lastResult.close();
            }
            lastResult = null;
            statement.clearParameters();
            inUse = false;
        }
    }
}
