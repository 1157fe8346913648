package dev.blixard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The identity of a node, bound to its data directory through {@code DIR/node.id}. The id is chosen once, on
 * the first start (from {@code --node-id} or at random), and must not change afterwards: cluster peers and the
 * replicated log will know the node by it.
 */
final class NodeIdentity {

    private NodeIdentity() {
    }

    /**
     * Returns the node id kept in {@code file}, writing it first when the data directory is new.
     *
     * @param requested the id given with {@code --node-id}, if any
     * @throws StartupException when {@code requested} differs from the id the directory already belongs to
     */
    static String resolve(Path file, Optional<String> requested, SecureRandom random) throws StartupException {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (stored.isEmpty()) {
                    throw new StartupException(file + " is empty; delete it or pass --node-id");
                }
                if (requested.isPresent() && !requested.get().equals(stored)) {
                    throw new StartupException("data dir belongs to node '" + stored + "' (" + file
                            + "), not to --node-id '" + requested.get() + "'");
                }
                return stored;
            }
            String id = requested.orElseGet(() -> generate(random));
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".node.id", ".tmp");
            try {
                Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return id;
        } catch (IOException e) {
            throw new StartupException("cannot use node id file " + file + ": " + e.getMessage());
        }
    }

    /** Short enough to type in a peer list, random enough (48 bits) never to collide within a cluster. */
    static String generate(SecureRandom random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "node-" + HexFormat.of().formatHex(bytes);
    }
}
