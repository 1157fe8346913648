package dev.blixard.integration.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A node's {@code DIR/deploy}, as an operator uses it: jars are copied in, replaced and deleted. A jar appears
 * at once, complete (written next to the directory, then moved in), because FileInstall polls every second and
 * would otherwise see half a file.
 */
final class DeployDirectory {
    private final Path directory;

    DeployDirectory(Path dataDir) {
        this.directory = dataDir.resolve("deploy");
    }

    /** Copies {@code jar} in as {@code fileName}, replacing a jar of that name. */
    Path put(Path jar, String fileName) throws IOException {
        Path staged = Files.createTempFile(directory.getParent(), "staged-", ".part");
        Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staged, directory.resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    void remove(String fileName) throws IOException {
        Files.delete(directory.resolve(fileName));
    }
}
