package dev.blixard.core.queue;

import dev.blixard.api.job.Job;
import dev.blixard.core.placement.JobPlacement;
import dev.blixard.store.StandaloneStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * A real one-member store (Ratis + SQLite in a temporary folder) with a queue on it, per test. Validation
 * accepts everything unless a test says otherwise (the validators have tests of their own); placement is
 * first fit, the node's default.
 */
public final class QueueFixture extends ExternalResource {
    public final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final TemporaryFolder folder = new TemporaryFolder();
    private StandaloneStore store;
    private JobQueue queue;
    /** The real whiteboard with no allocator registered: first fit, the node's default. */
    private volatile JobPlacement placement = new dev.blixard.core.placement.AllocatorWhiteboard();
    private volatile Consumer<List<dev.blixard.api.job.JobSubmission>> validation = submissions -> { };

    @Override
    protected void before() throws Throwable {
        folder.create();
        Path directory = folder.newFolder("store").toPath();
        store = StandaloneStore.start("n1", directory, freePort());
        queue = JobQueue.open(store.database(), QueueSettings.DEFAULT, clock, "n1",
                submissions -> validation.accept(submissions), new DelegatingPlacement(), 50);
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

    StandaloneStore store() {
        return store;
    }

    void placement(JobPlacement placement) {
        this.placement = placement;
    }

    void validation(Consumer<List<dev.blixard.api.job.JobSubmission>> validation) {
        this.validation = validation;
    }

    /** @return the path of the SQLite file, for tests that look at the tables themselves */
    Path databaseFile() {
        try (var files = Files.walk(folder.getRoot().toPath())) {
            return files.filter(p -> p.getFileName().toString().equals("blixard.db")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private final class DelegatingPlacement implements JobPlacement {
        @Override
        public List<Job> choose(dev.blixard.api.worker.Worker worker, List<Job> candidates, int maxJobs) {
            return placement.choose(worker, candidates, maxJobs);
        }

        @Override
        public void released(String jobId) {
            placement.released(jobId);
        }

        @Override
        public String activeAllocator() {
            return placement.activeAllocator();
        }
    }
}
