package dev.blixard.backend.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executions' work directories: one per execution under a root that only this backend uses, private to
 * the job (mode 700; owned by the sandbox uid when a sandboxed job runs under its own uid), removed when the
 * execution is done with. What a previous run of the node left behind (a crash) is removed when the backend
 * starts.
 */
final class WorkDirectories {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectories.class);

    private final Path root;

    private WorkDirectories(Path root) {
        this.root = root;
    }

    /** Creates the root (traversable, not listable, by others) and empties it of earlier runs' directories. */
    static WorkDirectories open(Path root) throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        WorkDirectories directories = new WorkDirectories(root.toRealPath());
        int removed = 0;
        try (Stream<Path> leftovers = Files.list(directories.root)) {
            for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                directories.remove(leftover);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} work directories an earlier run left in {}", removed, directories.root);
        }
        return directories;
    }

    Path root() {
        return root;
    }

    /**
     * @param ownerUid the uid to own the directory, or -1 for the node's own
     * @return the new, empty directory of one execution
     */
    Path create(String executionId, int ownerUid) throws IOException {
        Path directory = Files.createDirectory(root.resolve(executionId),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (ownerUid >= 0) {
            Files.setAttribute(directory, "unix:uid", ownerUid);
            Files.setAttribute(directory, "unix:gid", ownerUid);
        }
        return directory;
    }

    /** Removes a directory with everything in it; never follows links out of it. */
    void remove(Path directory) {
        if (!directory.startsWith(root) || directory.equals(root) || !Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                /** A job may have taken its own write permission away; the node takes it back to clean up. */
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    try {
                        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    } catch (IOException | UnsupportedOperationException e) {
                        // Not ours to change (root can delete regardless): the delete below says if it matters.
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the work directory " + directory, e);
        }
    }
}
