package dev.blixard.store;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The replicated SQLite database of this node, registered as an OSGi service while the node is a
 * member of its Raft group.
 *
 * <p>Writes from any node reach the leader; each {@link WriteBatch} is one transaction applied on every
 * node in log order. Concurrent writes are grouped into one log entry (group commit), so many small
 * writes cost one replication round and one fsync.
 */
@ProviderType
public interface ReplicatedDatabase {

    /**
     * Replicates and applies a batch.
     *
     * @return a stage completed with the batch's results once a majority has it and this node's leader
     *         applied it; completed exceptionally with {@link StatementFailedException} (the batch was rolled
     *         back everywhere), {@link NonDeterministicSqlException} (refused before replication) or
     *         {@link StoreUnavailableException} (no leader within the timeout, or shutting down)
     */
    CompletionStage<WriteResult> write(WriteBatch batch);

    /**
     * Runs a read on this node's SQLite replica.
     *
     * @param consistency {@link Consistency#LINEARIZABLE} waits until this replica has applied every
     *        write acknowledged before the call (a Raft read index); {@link Consistency#LOCAL} reads at once
     * @throws StoreUnavailableException when a linearizable read cannot reach the leader
     * @throws StoreException when the reader fails; the message carries the SQL error
     */
    <T> T read(Consistency consistency, SqlReader<T> reader);

    /** @return this node's view of the group */
    StoreStatus status();

    /** Registers a listener told of every index this node applies; see {@link ApplyListener}. */
    void addApplyListener(ApplyListener listener);

    /** Removes a listener added before. */
    void removeApplyListener(ApplyListener listener);

    /**
     * Adds a member to the group (Raft configuration change). The new member catches up from a snapshot
     * and the log.
     */
    CompletionStage<StoreStatus> addMember(Member member);

    /** Removes a member from the group. */
    CompletionStage<StoreStatus> removeMember(String memberId);

    /**
     * Takes a snapshot now (they are also taken every configured number of entries).
     *
     * @return the log index the snapshot covers
     */
    long takeSnapshot();
}
