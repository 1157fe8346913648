package dev.blixard.core.queue;

import dev.blixard.api.job.JobSubmission;
import dev.blixard.core.placement.AllocatorWhiteboard;
import dev.blixard.store.StandaloneStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * A real one-member store (Ratis + SQLite in a temporary folder) with a queue on it, for one test (as a
 * {@code @Rule}) or one class (as a {@code @ClassRule}). Validation
 * accepts everything unless a test says otherwise (the validators have tests of their own); placement is
 * the real allocator whiteboard with no allocator registered: first fit, the node's default.
 */
public final class QueueFixture extends ExternalResource {
    public final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final TemporaryFolder folder = new TemporaryFolder();
    private StandaloneStore store;
    private JobQueue queue;
    private volatile Consumer<List<JobSubmission>> validation = submissions -> { };

    @Override
    protected void before() throws Throwable {
        folder.create();
        Path directory = folder.newFolder("store").toPath();
        store = StandaloneStore.start("n1", directory, freePort());
        queue = JobQueue.open(store.database(), QueueSettings.DEFAULT, clock, "n1",
                submissions -> validation.accept(submissions), new AllocatorWhiteboard(), 50);
    }

    @Override
    protected void after() {
        if (queue != null) {
            queue.close();
        }
        if (store != null) {
            store.close();
        }
        folder.delete();
    }

    public JobQueue queue() {
        return queue;
    }

    void validation(Consumer<List<JobSubmission>> validation) {
        this.validation = validation;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
