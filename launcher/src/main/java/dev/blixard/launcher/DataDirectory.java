package dev.blixard.launcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's data directory and the fixed layout inside it. {@link #prepare} creates what is missing and proves
 * the directory writable, so that every later step can assume it is.
 */
final class DataDirectory {

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the directory and its sub-directories when missing and checks that files can be written in it.
     *
     * @throws StartupException when the path is not a directory, cannot be created or is not writable
     */
    static DataDirectory prepare(Path requested) throws StartupException {
        DataDirectory dir = new DataDirectory(requested.toAbsolutePath().normalize());
        Path root = dir.root();
        if (root.toString().contains(",")) {
            // FileInstall takes its watched directories as one comma-separated property.
            throw new StartupException("data dir " + root + " contains a ',', which Felix FileInstall cannot watch; "
                    + "choose another directory");
        }
        try {
            for (Path path : List.of(root, dir.deployDir(), dir.etcDir(), dir.cacheDir(), dir.configDir(), dir.logsDir())) {
                Files.createDirectories(path);
            }
            // Permission bits do not stop root, and a read-only mount is only found by trying: write a file.
            Files.delete(Files.createTempFile(root, ".write-check", ".tmp"));
        } catch (FileAlreadyExistsException e) {
            throw new StartupException("data dir " + root + " is not usable: " + e.getFile() + " is not a directory");
        } catch (AccessDeniedException e) {
            throw new StartupException("data dir " + root + " is not writable (" + e.getFile() + ": permission denied)");
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            throw new StartupException("data dir " + root + " is not usable: " + e.getFile() + ": " + reason);
        } catch (IOException e) {
            throw new StartupException("data dir " + root + " is not usable: " + e.getMessage());
        }
        return dir;
    }

    Path root() {
        return root;
    }

    /** Bundle jars installed and started by FileInstall while the node runs. */
    Path deployDir() {
        return root.resolve("deploy");
    }

    /** Configuration files ({@code *.cfg}, {@code *.config}) that FileInstall feeds into Config Admin. */
    Path etcDir() {
        return root.resolve("etc");
    }

    /** The OSGi framework's bundle storage; disposable. */
    Path cacheDir() {
        return root.resolve("cache");
    }

    /** Config Admin's own store, kept outside the cache so configuration survives a cache reset. */
    Path configDir() {
        return root.resolve("config");
    }

    Path logsDir() {
        return root.resolve("logs");
    }

    Path lockFile() {
        return root.resolve(".lock");
    }

    Path adminTokenFile() {
        return root.resolve("admin.token");
    }

    /** The URL the local client commands use to reach this node; rewritten at every start. */
    Path httpUrlFile() {
        return root.resolve("http.url");
    }

    Path nodeIdFile() {
        return root.resolve("node.id");
    }

    /** The digest of the embedded bundles the cache was built from, kept next to the cache. */
    Path cacheDigestFile() {
        return root.resolve("cache.digest");
    }

    /** The built-in logging setup handed to pax-logging; rewritten at every start. */
    Path loggingDefaultsFile() {
        return root.resolve("logging-defaults.properties");
    }
}
