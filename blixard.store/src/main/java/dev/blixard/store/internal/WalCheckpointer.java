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
 *
 * <p>Copying the log is not enough to keep its file small. SQLite writes from the start of the file again
 * only when a writer begins while the whole log is copied, and under a steady stream of writes the next
 * commit always lands between a checkpoint and that moment: the file grew without end (350 MB after 30 s of
 * 1,900 submits/s), each new frame allocating disk blocks. So once the log holds {@code restartFrames}
 * frames and a checkpoint left at most {@link #FINAL_PASS_FRAMES} of them uncopied, the writer is asked
 * ({@link #takeRestart()}) to copy the rest itself before its next transaction, which then restarts the log.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    /**
     * At most this many frames (4 MiB of 4 KiB pages) are left for the writer to copy when it restarts the log:
     * it does so before a transaction of its own, and every write of the node waits meanwhile.
     */
    private static final int FINAL_PASS_FRAMES = 1024;

    private final Connection connection;
    private final String name;
    private final long periodMillis;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean due = new AtomicBoolean();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicBoolean restartDue = new AtomicBoolean();
    private final AtomicLong restarts = new AtomicLong();
    private final int restartFrames;
    /** Frames in the log at the last checkpoint: fewer at the next one means the log was restarted. */
    private int lastFrames;
    private volatile boolean running;
    private boolean failing;

    private WalCheckpointer(Connection connection, String name, long periodMillis, int restartFrames) {
        this.connection = connection;
        this.name = name;
        this.periodMillis = periodMillis;
        this.restartFrames = restartFrames;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "blixard-wal-checkpoint-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Checkpoints a period after each commit over {@code connection} (its own, in auto-commit mode), which it
     * closes when closed.
     *
     * @param restartFrames how long the log may grow before the writer is asked to restart it; 0 for never
     */
    static WalCheckpointer start(Connection connection, String name, long periodMillis, int restartFrames) {
        return new WalCheckpointer(connection, name, periodMillis, restartFrames);
    }

    /**
     * @return true, once per request, when the writer should copy the rest of the log itself before its next
     *         transaction (which then writes from the start of the file again)
     */
    boolean takeRestart() {
        return restartDue.get() && restartDue.compareAndSet(true, false);
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

    /** @return how many times a checkpoint found the log started over since the one before */
    long restartsSeen() {
        return restarts.get();
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
                // Busy (another checkpoint, the writer's own, holds the lock): nothing known, try again.
                if (result.getInt(1) != 0) {
                    return false;
                }
                int frames = result.getInt(2);
                int copied = result.getInt(3);
                whole = frames == copied;
                if (frames < lastFrames) {
                    restarts.incrementAndGet();
                }
                lastFrames = frames;
                if (restartFrames > 0 && frames >= restartFrames && frames - copied <= FINAL_PASS_FRAMES) {
                    restartDue.set(true);
                }
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
