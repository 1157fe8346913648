package dev.blixard.store;

import dev.blixard.store.internal.StandaloneStores;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A one-member store started without OSGi, for tests and benchmarks of code built on the store (core's
 * repository tests, the queue benchmark). The same Raft server, SQLite replica and group commit as a node
 * uses; only the settings come from arguments instead of Config Admin.
 */
public interface StandaloneStore extends AutoCloseable {

    /**
     * Starts a one-member group in {@code directory} (created if missing) and waits until it leads.
     *
     * @param raftPort a free loopback port for the member's Raft endpoint
     */
    static StandaloneStore start(String nodeId, Path directory, int raftPort) throws IOException {
        return StandaloneStores.start(nodeId, directory, raftPort);
    }

    /** @return the database, usable until {@link #close()} */
    ReplicatedDatabase database();

    /** Stops the member and releases its files. */
    @Override
    void close();
}
