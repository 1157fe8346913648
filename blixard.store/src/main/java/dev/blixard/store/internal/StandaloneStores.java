package dev.blixard.store.internal;

import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.StandaloneStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds {@link StandaloneStore}s: the bridge from the exported package to the private implementation. */
public final class StandaloneStores {

    private StandaloneStores() {
    }

    /** See {@link StandaloneStore#start(String, Path, int)}. */
    public static StandaloneStore start(String nodeId, Path directory, int raftPort) throws IOException {
        Files.createDirectories(directory);
        RaftSqliteStore store = new RaftSqliteStore(StoreSettings.alone(nodeId, directory, raftPort));
        try {
            store.start();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return new StandaloneStore() {
            @Override
            public ReplicatedDatabase database() {
                return store;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
