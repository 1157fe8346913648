package dev.blixard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code DIR/http.url}: where the node's HTTP server answers, for the client commands on the same machine
 * ({@code blixard jobs} without {@code --url} reads it). Written once HTTP answers, replaced atomically so a
 * client never reads half a URL. A stale file after a stop is harmless: the client then says it cannot connect.
 */
final class NodeUrlFile {

    private NodeUrlFile() {
    }

    /** Writes the URL; a failure is only logged, since the node runs fine without it. */
    static void write(Path file, String url, NodeLog log) {
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".http.url", ".tmp");
            try {
                Files.writeString(temp, url + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.WARN, "Cannot write " + file
                    + " (client commands need --url then): " + e.getMessage(), null);
        }
    }
}
