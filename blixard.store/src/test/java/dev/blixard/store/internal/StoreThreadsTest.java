package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;

import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A closed store leaves no thread of its own behind once Ratis's asynchronous shutdown has run. In OSGi the
 * store bundle's class loader goes away right after deactivation, and a Raft, gRPC or Netty thread still
 * running then dies with NoClassDefFoundError (seen on a node's SIGTERM).
 */
public class StoreThreadsTest {
    /** Daemon threads of the JDK itself, started on first use and kept for the JVM's life; they run no store code. */
    private static final Set<String> JDK_THREADS = Set.of("CompletableFutureDelayScheduler", "process reaper");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void noThreadOfTheStoreOutlivesItsCloseAndRaftShutdown() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int round = 0; round < 2; round++) {
            StoreSettings settings = StoreSettings.singleNode("solo", folder.getRoot().toPath().resolve("solo" + round),
                    TestStores.freePort());
            RaftSqliteStore store = TestStores.start(settings);
            store.write(WriteBatch.of(Statement.of("CREATE TABLE item (id INTEGER PRIMARY KEY)")))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            store.close();
            assertEquals("threads still running Ratis code after close", List.of(),
                    RaftThreads.awaitEnd(Duration.ofSeconds(10), "solo"));
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive() && !JDK_THREADS.contains(thread.getName()))
                .map(thread -> thread.getName() + " (" + thread.getState() + ")")
                .sorted().collect(Collectors.toList());
        assertEquals("threads the store started that are still alive", List.of(), left);
    }
}
