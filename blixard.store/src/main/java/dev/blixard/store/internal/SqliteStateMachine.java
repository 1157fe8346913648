package dev.blixard.store.internal;

import dev.blixard.store.ApplyListener;
import dev.blixard.store.WriteBatch;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine: applies each committed log entry (a group of write batches) to the local SQLite
 * replica, deterministically, and snapshots the replica as a SQLite file.
 *
 * <p>Recovery: Ratis replays the log from the latest snapshot; entries the replica had already applied
 * before a crash (its own applied index says so) are skipped. When the replica is behind the snapshot (a
 * lost file, or a snapshot installed from the leader), it is replaced by the snapshot's copy.
 */
final class SqliteStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStateMachine.class);

    private final SqliteReplica replica;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final List<ApplyListener> listeners = new CopyOnWriteArrayList<>();
    /** Explicit snapshot requests ({@link #expectExplicitSnapshot}) not yet served. */
    private final AtomicInteger explicitRequests = new AtomicInteger();
    private final double snapshotLogRatio;
    private volatile BackgroundSnapshots snapshots;
    /** Set up by {@link #initialize}, then used on Ratis's apply thread only. */
    private SnapshotPacing snapshotPacing;

    /** @param snapshotLogRatio see {@link SnapshotPacing} */
    SqliteStateMachine(SqliteReplica replica, double snapshotLogRatio) {
        this.replica = replica;
        this.snapshotLogRatio = snapshotLogRatio;
    }

    void addListener(ApplyListener listener) {
        listeners.add(listener);
    }

    void removeListener(ApplyListener listener) {
        listeners.remove(listener);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        // RUNNING afterwards: Ratis pauses a running state machine before it installs a snapshot (see pause()).
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            snapshots = BackgroundSnapshots.start(replica, storage, getId().toString());
            replica.open();
            catchUpWithSnapshot();
            snapshotPacing = pacingAfterLatestSnapshot();
        });
    }

    private SnapshotPacing pacingAfterLatestSnapshot() {
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        return new SnapshotPacing(snapshotLogRatio, latest == null ? 0 : latest.getFile().getFileSize());
    }

    /**
     * Ratis pauses the state machine before it installs a snapshot from the leader, and checks that it is
     * PAUSED before {@link #reinitialize}. Apply is already stopped by then (the updater thread does both).
     */
    @Override
    public void pause() {
        snapshots.awaitIdle();
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** Called after a snapshot was installed from the leader: the replica becomes that snapshot. */
    @Override
    public void reinitialize() throws IOException {
        storage.loadLatestSnapshot();
        catchUpWithSnapshot();
        snapshotPacing = pacingAfterLatestSnapshot();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    /**
     * Replaces the replica by the latest snapshot when it is behind it (a lost file, or a snapshot just
     * installed from the leader), and reports the snapshot's index to Ratis as the applied one.
     *
     * <p>Not the replica's own index, even when it is ahead (after a kill, its file holds entries the latest
     * snapshot does not): Ratis replays the log from the snapshot and insists that applied indexes only grow,
     * so the replay must start there; {@link SqliteReplica#apply} skips what the file already holds.
     */
    private void catchUpWithSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.getLatestSnapshot();
        if (snapshot != null) {
            if (replica.appliedIndex() < snapshot.getIndex()) {
                Path file = snapshot.getFile().getPath();
                MD5Hash expected = snapshot.getFile().getFileDigest();
                if (expected != null) {
                    MD5FileUtil.verifySavedMD5(file.toFile(), expected);
                }
                replica.replaceWith(file);
            }
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        LOG.info("{}: SQLite replica at index {}; Ratis applies from {}", getId(), replica.appliedIndex(),
                snapshot == null ? "the start of the log" : "snapshot " + snapshot.getTermIndex());
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        try {
            ByteString data = entry.getStateMachineLogEntry().getLogData();
            snapshotPacing.applied(data.size());
            List<WriteBatch> batches = BatchCodec.decodeBatches(data.toByteArray());
            List<BatchOutcome> outcomes = replica.apply(batches, termIndex.getTerm(), termIndex.getIndex());
            updateLastAppliedTermIndex(termIndex.getTerm(), termIndex.getIndex());
            for (ApplyListener listener : listeners) {
                notify(listener, termIndex.getIndex());
            }
            return CompletableFuture.completedFuture(
                    Message.valueOf(UnsafeByteOperations.unsafeWrap(BatchCodec.encodeOutcomes(outcomes))));
        } catch (IOException | RuntimeException e) {
            // A failure here is not a failing statement (those are outcomes): the replica cannot go on.
            LOG.error("{}: cannot apply log entry {}: {}", getId(), termIndex, e.getMessage(), e);
            CompletableFuture<Message> failed = new CompletableFuture<>();
            failed.completeExceptionally(e);
            return failed;
        }
    }

    /**
     * Entries without state-machine data (a new leader's no-op, configuration changes) still advance the
     * applied index; recording them in the replica keeps its index equal to Ratis's, so a snapshot taken
     * right after one is never mistaken for being ahead of the replica.
     */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        try {
            replica.recordApplied(term, index);
        } catch (IOException e) {
            LOG.error("{}: cannot record index {} in the SQLite replica: {}", getId(), index, e.getMessage(), e);
        }
        super.notifyTermIndexUpdated(term, index);
    }

    private void notify(ApplyListener listener, long index) {
        try {
            listener.applied(index);
        } catch (RuntimeException e) {
            LOG.warn("{}: apply listener {} failed at index {}", getId(), listener, index, e);
        }
    }

    /** Linearizable reads go through Ratis's read index and then this, which only confirms the index. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * Ratis asks from its apply thread, when the log has grown by the snapshot threshold: unless the log is
     * still small next to the latest snapshot ({@link SnapshotPacing}), a copy is started in the background and
     * this answers "none yet" (-1, so Ratis purges nothing) until it is done; the call after it finished reports
     * it, and Ratis purges the log up to it. An explicit request (an operator's, a test's) is served on the spot,
     * so its caller gets the index of a snapshot that exists.
     */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0) {
            return last == null ? RaftLog.INVALID_LOG_INDEX : last.getIndex();
        }
        if (explicitRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            snapshotPacing.started();
            return taken(snapshots.takeNow());
        }
        SingleFileSnapshotInfo finished = snapshots.collect();
        if (finished != null) {
            return taken(finished);
        }
        if (snapshotPacing.due() && snapshots.start()) {
            LOG.info("{}: snapshot of the replica at {} started ({})", getId(), last, snapshotPacing);
            snapshotPacing.started();
        }
        return RaftLog.INVALID_LOG_INDEX;
    }

    private long taken(SingleFileSnapshotInfo snapshot) {
        snapshotPacing.taken(snapshot.getFile().getFileSize());
        return snapshot.getIndex();
    }

    /** Announces an explicit snapshot request, which {@link #takeSnapshot} then serves synchronously. */
    void expectExplicitSnapshot() {
        explicitRequests.incrementAndGet();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    @Override
    public void close() throws IOException {
        getLifeCycle().checkStateAndClose(() -> {
            super.close();
            if (snapshots != null) {
                snapshots.close();
            }
            replica.close();
        });
    }
}
