package dev.blixard.integration.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the browser tests keep their files, all under the module's {@code target/}: the nodes' data
 * directories and logs, the browsers' profiles, and the screenshots. The build passes the folders as system
 * properties; run from an IDE, they default to {@code target/...} of the working directory.
 */
final class WorkDirs {

    /** The root of the nodes' data directories, logs and browser profiles. */
    static final Path ROOT = Path.of(System.getProperty("blixard.it.workdir", "target/browser-it")).toAbsolutePath();
    /** Where {@link Screenshots} saves its PNG files. */
    static final Path SCREENSHOTS =
            Path.of(System.getProperty("blixard.screenshots.dir", "target/screenshots")).toAbsolutePath();

    private WorkDirs() {
    }

    /** @return {@code ROOT/name}, emptied if a previous run left it, and created */
    static Path fresh(String name) {
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
    static Path requiredFile(String property, String builtBy) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new AssertionError("system property " + property + " is not set; run the browser tests with Maven ("
                    + builtBy + ")");
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no " + file + " (" + property + "); " + builtBy + " builds it");
        }
        return file;
    }
}
