package dev.blixard.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the replica's write-ahead log back into the database file on a thread of its own. Left to SQLite,
 * the commit that crosses the WAL's size limit does it, on the one thread that applies the Raft log: every
 * few megabytes of changes, one entry paid for writing them all back and syncing the file, and every write
 * of the node waited behind it.
 *
 * <p>Checkpoints are PASSIVE: they copy what no reader still needs and never block the writer or the
 * readers, so the log stays short while apply goes on.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final String name;
    private final ScheduledExecutorService executor;
    private boolean failing;

    private WalCheckpointer(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blixard-wal-checkpoint-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Checkpoints every {@code periodMillis} over {@code connection} (its own, in auto-commit mode), which it
     * closes when closed.
     */
    static WalCheckpointer start(Connection connection, String name, long periodMillis) {
        WalCheckpointer checkpointer = new WalCheckpointer(connection, name);
        checkpointer.executor.scheduleWithFixedDelay(checkpointer::checkpoint, periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (result.next() && LOG.isTraceEnabled()) {
                LOG.trace("{}: WAL checkpoint: {} frames in the log, {} copied", name, result.getInt(2), result.getInt(3));
            }
            if (failing) {
                LOG.info("{}: WAL checkpoints work again", name);
                failing = false;
            }
        } catch (SQLException e) {
            // Once per failure streak: a checkpoint that cannot run now is retried at the next period.
            if (!failing) {
                LOG.warn("{}: WAL checkpoint failed (retried every period): {}", name, e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{}: a WAL checkpoint still ran after 10 s; closing its connection anyway", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("{}: closing the checkpoint connection failed: {}", name, e.getMessage());
        }
    }
}
