package dev.blixard.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the replica's write-ahead log back into the database file on a thread of its own. Left to SQLite,
 * the commit that crosses the WAL's size limit does it, on the one thread that applies the Raft log: every
 * few megabytes of changes, one entry paid for writing them all back and syncing the file, and every write
 * of the node waited behind it.
 *
 * <p>Checkpoints are PASSIVE: they copy what no reader still needs and never block the writer or the
 * readers, so the log stays short while apply goes on. One runs a period after a {@linkplain #written()
 * commit}, and again each period until the log is copied whole (a reader may hold back its newest frames);
 * an idle replica has none due, so its thread sleeps instead of waking ten times a second for nothing.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final String name;
    private final long periodMillis;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean due = new AtomicBoolean();
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile boolean running;
    private boolean failing;

    private WalCheckpointer(Connection connection, String name, long periodMillis) {
        this.connection = connection;
        this.name = name;
        this.periodMillis = periodMillis;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "blixard-wal-checkpoint-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Checkpoints a period after each commit over {@code connection} (its own, in auto-commit mode), which it
     * closes when closed.
     */
    static WalCheckpointer start(Connection connection, String name, long periodMillis) {
        return new WalCheckpointer(connection, name, periodMillis);
    }

    /**
     * Tells that a commit added to the log: a checkpoint becomes due one period from now unless one already
     * is. Cheap enough for every commit of the apply thread: an atomic read, and a schedule once per period.
     */
    void written() {
        if (due.get() || !due.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(this::checkpoint, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            due.set(false);
        }
    }

    /** @return whether a checkpoint is scheduled or running */
    boolean isDue() {
        return due.get() || running;
    }

    /** @return how many checkpoints have run (succeeded or not) */
    long checkpointsRun() {
        return checkpoints.get();
    }

    private void checkpoint() {
        running = true;
        try {
            // Cleared first: a commit while this one runs makes the next one due.
            due.set(false);
            if (!copyLog()) {
                written();
            }
            checkpoints.incrementAndGet();
        } finally {
            running = false;
        }
    }

    /** @return whether the whole log is now in the database file */
    private boolean copyLog() {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            boolean whole = false;
            if (result.next()) {
                int frames = result.getInt(2);
                int copied = result.getInt(3);
                whole = frames == copied;
                if (LOG.isTraceEnabled()) {
                    LOG.trace("{}: WAL checkpoint: {} frames in the log, {} copied", name, frames, copied);
                }
            }
            if (failing) {
                LOG.info("{}: WAL checkpoints work again", name);
                failing = false;
            }
            return whole;
        } catch (SQLException e) {
            // Once per failure streak: a checkpoint that cannot run now is retried a period later.
            if (!failing) {
                LOG.warn("{}: WAL checkpoint failed (retried every period): {}", name, e.getMessage());
                failing = true;
            }
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
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
