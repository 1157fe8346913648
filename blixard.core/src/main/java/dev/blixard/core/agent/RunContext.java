package dev.blixard.core.agent;

import dev.blixard.api.plugin.ProcessingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link dev.blixard.api.plugin.JobProcessor} gets for one run. The work directory is created only
 * when the processor asks for it, because most in-JVM processors never touch the disk.
 */
final class RunContext implements ProcessingContext {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    private final int attempt;
    private final Path workDirectory;
    private volatile boolean cancelled;
    private boolean created;

    RunContext(int attempt, Path workDirectory) {
        this.attempt = attempt;
        this.workDirectory = workDirectory;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public synchronized Path workDirectory() {
        if (!created) {
            try {
                Files.createDirectories(workDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create work directory " + workDirectory, e);
            }
            created = true;
        }
        return workDirectory;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    /** Removes the work directory and everything in it, if it was created. */
    synchronized void deleteWorkDirectory() {
        if (!created || !Files.exists(workDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove work directory {}", workDirectory, e);
        }
    }
}
