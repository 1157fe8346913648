package dev.blixard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where tests that start real nodes keep their files, all under the module's {@code target/}: the nodes' data
 * directories and logs (and the browser tests' profiles). The build passes the folder as system property
 * {@code blixard.it.workdir}; run from an IDE, it defaults to {@code target/it} of the working directory.
 */
public final class WorkDirs {

    /** The root of the nodes' data directories, logs and browser profiles. */
    public static final Path ROOT = Path.of(System.getProperty("blixard.it.workdir", "target/it")).toAbsolutePath();

    private WorkDirs() {
    }

    /** @return {@code ROOT/name}, emptied if a previous run left it, and created */
    public static Path fresh(String name) {
        Path dir = ROOT.resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** @return the path of a file the build passes in system property {@code property}; fails if it is missing */
    public static Path requiredFile(String property, String builtBy) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new AssertionError("system property " + property + " is not set; run these tests with Maven ("
                    + builtBy + ")");
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no " + file + " (" + property + "); " + builtBy + " builds it");
        }
        return file;
    }
}
