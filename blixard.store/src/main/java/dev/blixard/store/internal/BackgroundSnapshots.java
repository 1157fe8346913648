package dev.blixard.store.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots of the replica off the apply thread. Copying a database of a few hundred megabytes and
 * hashing it takes seconds; done where Ratis asks for it (the thread that applies the log) it stopped every
 * write of the node for that long each time the log grew by the snapshot threshold.
 *
 * <p>A copy is one consistent committed state of the file, whatever apply does meanwhile, and names the
 * entry it ends with ({@link AppliedPosition}); it becomes the latest snapshot only once complete, renamed and
 * hashed, so a crash mid-copy leaves nothing Ratis would load. At most one copy runs at a time.
 */
final class BackgroundSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundSnapshots.class);

    private final SqliteReplica replica;
    private final SimpleStateMachineStorage storage;
    private final String name;
    private final ExecutorService executor;
    private CompletableFuture<SingleFileSnapshotInfo> running;

    private static final String PARTIAL_PREFIX = "partial-";

    /** Creates the snapshot taker of a storage that was just initialized, removing copies a crash left half done. */
    static BackgroundSnapshots start(SqliteReplica replica, SimpleStateMachineStorage storage, String name)
            throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(snapshotDirectory(storage), PARTIAL_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
        return new BackgroundSnapshots(replica, storage, name);
    }

    private BackgroundSnapshots(SqliteReplica replica, SimpleStateMachineStorage storage, String name) {
        this.replica = replica;
        this.storage = storage;
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blixard-snapshot-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts a copy unless one runs. @return whether this call started one */
    synchronized boolean start() {
        if (running != null) {
            return false;
        }
        running = CompletableFuture.supplyAsync(this::takeQuietly, executor);
        return true;
    }

    /**
     * Collects a copy that has finished.
     *
     * @return the snapshot a finished copy made (now the latest in storage), or {@code null} while none has
     *     finished since the last call
     * @throws IOException when the last copy failed (the next {@link #start} starts a new one)
     */
    synchronized SingleFileSnapshotInfo collect() throws IOException {
        if (running == null || !running.isDone()) {
            return null;
        }
        CompletableFuture<SingleFileSnapshotInfo> finished = running;
        running = null;
        return result(finished);
    }

    /**
     * Takes a snapshot now, on the calling thread, after any copy that runs: for explicit requests. That copy is
     * then not {@linkplain #collect collected} any more: the snapshot taken here is newer, and reporting the older
     * one afterwards would tell Ratis its latest snapshot is behind the one it has.
     */
    SingleFileSnapshotInfo takeNow() throws IOException {
        awaitIdle();
        synchronized (this) {
            running = null;
        }
        return take();
    }

    /** Waits until no copy runs: before the replica is closed or replaced. */
    void awaitIdle() {
        CompletableFuture<SingleFileSnapshotInfo> current;
        synchronized (this) {
            current = running;
        }
        if (current != null) {
            try {
                current.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException e) {
                // Reported by collect(); here only the wait matters.
            }
        }
    }

    private SingleFileSnapshotInfo takeQuietly() {
        try {
            return take();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private SingleFileSnapshotInfo take() throws IOException {
        long started = System.nanoTime();
        Path directory = snapshotDirectory(storage);
        Path partial = Files.createTempFile(directory, PARTIAL_PREFIX, ".sqlite");
        try {
            AppliedPosition position = replica.copyTo(partial);
            Path target = storage.getSnapshotFile(position.term(), position.index()).toPath();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            MD5Hash digest = MD5FileUtil.computeAndSaveMd5ForFile(target.toFile());
            SingleFileSnapshotInfo snapshot = new SingleFileSnapshotInfo(new FileInfo(target, digest),
                    TermIndex.valueOf(position.term(), position.index()));
            storage.updateLatestSnapshot(snapshot);
            LOG.info("{}: snapshot {} taken ({} bytes, {} ms)", name, snapshot.getTermIndex(), Files.size(target),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return snapshot;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Where the storage keeps snapshots (its own accessor for it is not public in Ratis 3.2). */
    private static Path snapshotDirectory(SimpleStateMachineStorage storage) {
        return storage.getSnapshotFile(0, 0).toPath().getParent();
    }

    private static SingleFileSnapshotInfo result(CompletableFuture<SingleFileSnapshotInfo> finished) throws IOException {
        try {
            return finished.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while collecting a snapshot", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IllegalStateException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        awaitIdle();
        executor.shutdown();
    }
}
