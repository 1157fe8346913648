package dev.blixard.core.queue;

import dev.blixard.api.UnavailableException;
import dev.blixard.store.Consistency;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.SqlReader;
import dev.blixard.store.Statement;
import dev.blixard.store.StoreException;
import dev.blixard.store.StoreUnavailableException;
import dev.blixard.store.WriteBatch;
import dev.blixard.store.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replicated database as the queue uses it: store failures become the API's errors (no leader is
 * {@link UnavailableException}), and a synchronous write waits a bounded time.
 */
public final class QueueDatabase {
    /** Between linearizable reads refused while this member learns who leads (a heartbeat or two). */
    private static final long RETRY_MILLIS = 50;

    private final ReplicatedDatabase database;
    private final Duration writeTimeout;

    public QueueDatabase(ReplicatedDatabase database, Duration writeTimeout) {
        this.database = database;
        this.writeTimeout = writeTimeout;
    }

    /** Reads this node's replica, or the group's latest state for {@link Consistency#LINEARIZABLE}. */
    public <T> T read(Consistency consistency, SqlReader<T> reader) {
        try {
            return database.read(consistency, reader);
        } catch (StoreUnavailableException e) {
            throw new UnavailableException("the queue cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until this replica has applied every write acknowledged before the call (a linearizable read). A
     * member that has just started may not know the leader yet and refuses such a read at once, so it is tried
     * again until the write timeout runs out.
     *
     * @throws UnavailableException when the replica cannot catch up within the write timeout
     */
    public void awaitCurrent() {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        while (true) {
            try {
                read(Consistency.LINEARIZABLE, connection -> null);
                return;
            } catch (UnavailableException noLeaderYet) {
                if (System.nanoTime() > deadline) {
                    throw noLeaderYet;
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while waiting for this replica to catch up");
            }
        }
    }

    /** Replicates the statements as one transaction. */
    public CompletionStage<WriteResult> writeAsync(List<Statement> statements) {
        try {
            return database.write(new WriteBatch(statements));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Replicates the statements as one transaction and waits for the result. */
    public WriteResult write(List<Statement> statements) {
        try {
            return writeAsync(statements).toCompletableFuture().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for a queue write");
        } catch (TimeoutException e) {
            throw new UnavailableException("a queue write was not acknowledged within " + writeTimeout.toMillis()
                    + " ms; it may still apply");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    /** @return the API's view of a store failure */
    public static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreUnavailableException) {
            return new UnavailableException("the queue has no leader: " + cause.getMessage(), cause);
        }
        if (cause instanceof StoreException) {
            return (StoreException) cause;
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new IllegalStateException(cause);
    }

    /** @return the store underneath, for status and apply listeners */
    public ReplicatedDatabase store() {
        return database;
    }
}
