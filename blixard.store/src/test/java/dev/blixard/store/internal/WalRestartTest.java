package dev.blixard.store.internal;

import static org.junit.Assert.assertTrue;

import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The write-ahead log's file stays bounded while writes never pause and readers come and go beside them.
 * SQLite alone starts the log over only when a writer begins while the whole log is copied into the database,
 * which a steady stream of writes never allows.
 */
public class WalRestartTest {
    /** 1 MiB of 4 KiB pages. */
    private static final int RESTART_FRAMES = 256;
    /** Each entry adds a row of 4 KiB, so at least two frames: its page and the applied index's. */
    private static final int ENTRIES = 12_000;
    private static final long FRAME_BYTES = 4096 + 24;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private SqliteReplica replica;
    private long index;
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private Thread reader;

    @Before
    public void open() throws Exception {
        file = folder.getRoot().toPath().resolve("replica.db");
        replica = new SqliteReplica(file, 2, RESTART_FRAMES);
        replica.open();
        apply(Statement.of("CREATE TABLE item (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"));
        reader = new Thread(this::readEveryMillisecond, "wal-restart-test-reader");
        reader.start();
    }

    @After
    public void close() throws InterruptedException {
        reading.set(false);
        reader.join(TimeUnit.SECONDS.toMillis(10));
        replica.close();
    }

    @Test
    public void theLogStartsOverUnderWritesThatNeverPause() throws Exception {
        byte[] body = new byte[4096];
        for (int i = 0; i < ENTRIES; i++) {
            apply(Statement.of("INSERT INTO item (body) VALUES (?)", body));
        }

        long written = ENTRIES * 2 * FRAME_BYTES;
        long wal = Files.size(file.resolveSibling(file.getFileName() + "-wal"));
        assertTrue("the log was started over: " + replica.walRestarts() + " restarts seen", replica.walRestarts() >= 2);
        assertTrue("the log's file (" + wal + " bytes) is far smaller than all it was written (" + written + ")",
                wal < written / 2);
    }

    private void apply(Statement statement) throws Exception {
        replica.apply(List.of(new WriteBatch(List.of(statement))), 1, ++index);
    }

    /** Short reads with gaps between them, as a node's claims and queries make. */
    private void readEveryMillisecond() {
        while (reading.get()) {
            replica.read(connection -> {
                try (PreparedStatement count = connection.prepareStatement("SELECT max(id) FROM item");
                        ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
