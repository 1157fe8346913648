package dev.blixard.backend.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The executions' directories under the work root, private to the node's user: each holds a run's stdout and
 * stderr files and the {@code work} directory that WASI preopens for the module. When a run is over its
 * directory is emptied and kept for a later run rather than removed: removing and making directories was most
 * of the cost of a small module's run (rmdir alone took more than the engine), and a directory emptied of
 * everything a module left behind tells the next one nothing. There are never more than the runs at once.
 * Everything is removed when the backend stops, and what a crashed node left behind when it starts.
 */
final class ExecutionDirectories {

    /** The directory a module sees (as its preopened directory), inside its execution's directory. */
    static final String GUEST_VISIBLE = "work";

    private final Path root;
    private final Queue<Path> empty = new ConcurrentLinkedQueue<>();
    private final AtomicInteger made = new AtomicInteger();

    private ExecutionDirectories(Path root) {
        this.root = root;
    }

    /**
     * Creates the root if needed and removes what earlier runs left in it.
     *
     * @return the directories and how many leftovers were removed
     */
    static ExecutionDirectories open(Path root, List<Path> removedLeftovers) throws IOException {
        Files.createDirectories(root);
        ExecutionDirectories directories = new ExecutionDirectories(root.toRealPath());
        try (Stream<Path> leftovers = Files.list(directories.root)) {
            for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                directories.remove(leftover);
                removedLeftovers.add(leftover);
            }
        }
        return directories;
    }

    Path root() {
        return root;
    }

    /** @return an empty directory for a run, with its (empty) guest-visible directory */
    Path acquire() throws IOException {
        Path reused = empty.poll();
        if (reused != null) {
            return reused;
        }
        Path directory = Files.createDirectory(root.resolve("run-" + made.incrementAndGet()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(directory.resolve(GUEST_VISIBLE));
        return directory;
    }

    /**
     * Empties a run's directory of everything in it (the guest-visible directory itself stays) and keeps it for
     * the next run; a directory that cannot be emptied is removed instead, or left to the next start.
     */
    void release(Path directory) throws IOException {
        Path guestVisible = directory.resolve(GUEST_VISIBLE);
        try {
            for (Path path : deepestFirst(directory)) {
                if (!path.equals(directory) && !path.equals(guestVisible)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            remove(directory);
            throw e;
        }
        empty.add(directory);
    }

    /** Removes every directory, in use or not; for when the backend stops. */
    void removeAll() throws IOException {
        empty.clear();
        try (Stream<Path> directories = Files.list(root)) {
            for (Path directory : (Iterable<Path>) directories::iterator) {
                remove(directory);
            }
        }
    }

    /** Removes a directory with everything in it. Symbolic links a module made are removed, never followed. */
    private void remove(Path directory) throws IOException {
        if (!directory.startsWith(root) || directory.equals(root) || Files.notExists(directory)) {
            return;
        }
        for (Path path : deepestFirst(directory)) {
            Files.delete(path);
        }
    }

    /** Everything under {@code directory} and itself, children before parents (a walk does not follow links). */
    private static List<Path> deepestFirst(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.sorted(Comparator.reverseOrder()).toList();
        }
    }
}
