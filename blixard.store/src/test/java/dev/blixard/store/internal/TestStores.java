package dev.blixard.store.internal;

import dev.blixard.store.Member;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Starts real store members (real Ratis over loopback gRPC, real SQLite files) for tests. */
final class TestStores {

    private TestStores() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Settings of {@code count} members sharing one peer list, each in its own directory under {@code root}. */
    static List<StoreSettings> group(Path root, int count) throws IOException {
        List<Member> members = new ArrayList<>();
        List<StoreSettings> settings = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int port = freePort();
            members.add(new Member("n" + i, "127.0.0.1:" + port));
            settings.add(StoreSettings.singleNode("n" + i, root.resolve("n" + i), port));
        }
        List<StoreSettings> withPeers = new ArrayList<>();
        for (StoreSettings one : settings) {
            withPeers.add(one.withPeers(members));
        }
        return withPeers;
    }

    static RaftSqliteStore start(StoreSettings settings) throws IOException {
        RaftSqliteStore store = new RaftSqliteStore(settings);
        store.start();
        return store;
    }

    /** Waits for {@code condition}, failing with {@code what} after {@code millis}. */
    static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
