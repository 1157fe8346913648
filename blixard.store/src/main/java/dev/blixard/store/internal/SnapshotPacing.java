package dev.blixard.store.internal;

/**
 * Decides whether the log has grown enough since the latest snapshot to be worth a new one, on top of Ratis's
 * count of entries ({@code snapshot_threshold}).
 *
 * <p>A snapshot copies the whole database, so its cost grows with the database, while what it saves (the log
 * Ratis may then delete, and the log a lagging follower replays) does not. With a count of entries alone, a
 * node with a database of 1.2 GB copied and hashed all of it for every 100,000 entries of a few hundred bytes:
 * seconds of disk and CPU every minute or two under a steady load, with every request of the node slower
 * meanwhile (docs/benchmarks.md). So once the latest snapshot is larger than {@link #SCALED_ABOVE_BYTES}, the
 * next waits until the log applied since then has reached {@code logRatio} times that snapshot's size, as
 * Kafka's log cleaner waits for its dirty ratio. A copy then costs at most {@code 1 / logRatio} bytes written
 * per byte of log, and the log kept on disk stays near {@code logRatio} times the database.
 *
 * <p>Entries Ratis replays after a restart count as applied, since they are still in the log, so a restart
 * does not postpone the next snapshot. Used on Ratis's apply thread only.
 */
final class SnapshotPacing {
    /** Below this, a copy takes a fraction of a second and the count of entries alone decides. */
    static final long SCALED_ABOVE_BYTES = 64L * 1024 * 1024;

    private final double logRatio;
    private long latestSnapshotBytes;
    private long logBytesSinceSnapshot;

    /**
     * @param logRatio log bytes per byte of the latest snapshot before a new one is due; 0 turns the scaling off
     * @param latestSnapshotBytes the size of the latest snapshot in storage, 0 when there is none
     */
    SnapshotPacing(double logRatio, long latestSnapshotBytes) {
        this.logRatio = checkedRatio(logRatio);
        this.latestSnapshotBytes = latestSnapshotBytes;
    }

    /** @return {@code logRatio} when it is a finite number {@code >= 0} */
    static double checkedRatio(double logRatio) {
        if (!(logRatio >= 0) || Double.isInfinite(logRatio)) {
            throw new IllegalArgumentException("the snapshot log ratio must be a finite number >= 0, not " + logRatio);
        }
        return logRatio;
    }

    /** Counts an entry's state-machine data. */
    void applied(long entryBytes) {
        logBytesSinceSnapshot += entryBytes;
    }

    /** @return whether a snapshot is worth taking now, once Ratis's count of entries asks for one */
    boolean due() {
        return logRatio == 0 || latestSnapshotBytes < SCALED_ABOVE_BYTES
                || logBytesSinceSnapshot >= logRatio * latestSnapshotBytes;
    }

    /** A copy of the replica as it is now has started: the log from here on is what the next one saves. */
    void started() {
        logBytesSinceSnapshot = 0;
    }

    /** A copy finished and became the latest snapshot. */
    void taken(long snapshotBytes) {
        latestSnapshotBytes = snapshotBytes;
    }

    @Override
    public String toString() {
        return logBytesSinceSnapshot + " bytes of log since the latest snapshot of " + latestSnapshotBytes + " bytes";
    }
}
