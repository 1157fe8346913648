package dev.blixard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Decides whether the framework's bundle cache can be reused. Reusing it makes restarts fast, but a cache
 * built from other bundles (an upgraded launcher) would run stale code, so the cache is only kept while the
 * digest of the embedded bundles matches the one recorded in {@code DIR/cache.digest}.
 */
final class BundleCacheState {

    private final Path digestFile;

    BundleCacheState(Path digestFile) {
        this.digestFile = digestFile;
    }

    /** Whether the cache was built from bundles with another digest (or its origin is unknown). */
    boolean isStale(String currentDigest) {
        try {
            return !Files.isRegularFile(digestFile)
                    || !Files.readString(digestFile, StandardCharsets.US_ASCII).trim().equals(currentDigest);
        } catch (IOException e) {
            return true; // unknown origin: start clean, which is always safe
        }
    }

    /** Records that the cache now holds the bundles with this digest. Called once they are installed. */
    void record(String digest) throws IOException {
        Path temp = Files.createTempFile(digestFile.toAbsolutePath().getParent(), ".cache.digest", ".tmp");
        try {
            Files.writeString(temp, digest + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, digestFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Forgets the digest, so the next start cleans the cache; done before a start that rebuilds it. */
    void invalidate() throws IOException {
        Files.deleteIfExists(digestFile);
    }
}
