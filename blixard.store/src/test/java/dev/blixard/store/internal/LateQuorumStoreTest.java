package dev.blixard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.store.Consistency;
import dev.blixard.store.Statement;
import dev.blixard.store.StoreUnavailableException;
import dev.blixard.store.WriteBatch;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A member that runs long before a majority of its group: its writes fail while there is no leader, and once
 * the others start it knows the leader and writes again, although Ratis gave up on its first client meanwhile
 * (which used to close that client's request window for good: every later write failed).
 */
public class LateQuorumStoreTest {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<RaftSqliteStore> nodes = new ArrayList<>();

    @After
    public void stopGroup() {
        nodes.forEach(RaftSqliteStore::close);
    }

    @Test
    public void aMemberStartedBeforeItsPeersWritesOnceTheyRun() throws Exception {
        List<StoreSettings> settings = new ArrayList<>();
        for (StoreSettings one : TestStores.group(folder.getRoot().toPath(), 3)) {
            settings.add(one.withWriteTimeout(WRITE_TIMEOUT));
        }
        RaftSqliteStore first = TestStores.start(settings.get(0));
        nodes.add(first);

        try {
            first.write(WriteBatch.of(Statement.of("CREATE TABLE kv (k TEXT PRIMARY KEY)")))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            fail("a lone member of a group of three committed a write");
        } catch (ExecutionException expected) {
            assertTrue("no leader is 'unavailable': " + expected.getCause(),
                    expected.getCause() instanceof StoreUnavailableException);
        }
        assertFalse("a lone member of three knows no leader", first.knowsLeader());
        assertFalse("nor is its first leader known", first.firstLeader().toCompletableFuture().isDone());
        // Ratis retries the write a little longer than the write timeout, then gives up on the client.
        TestStores.await("Ratis to give up on the first client", 30_000, () -> first.writeClientRenewals() > 0);

        nodes.add(TestStores.start(settings.get(1)));
        nodes.add(TestStores.start(settings.get(2)));
        TestStores.await("the first member to know a leader", 30_000,
                () -> first.firstLeader().toCompletableFuture().isDone());

        first.write(WriteBatch.of(Statement.of("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY)"),
                Statement.of("INSERT INTO kv VALUES ('late')"))).toCompletableFuture().get(30, TimeUnit.SECONDS);
        long rows = first.read(Consistency.LINEARIZABLE, connection -> {
            try (java.sql.Statement query = connection.createStatement();
                    ResultSet result = query.executeQuery("SELECT count(*) FROM kv")) {
                result.next();
                return result.getLong(1);
            }
        });
        assertEquals("the write through the member that started first", 1, rows);
    }
}
