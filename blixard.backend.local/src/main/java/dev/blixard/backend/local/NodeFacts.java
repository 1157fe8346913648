package dev.blixard.backend.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;

/**
 * What the backend needs to know about the node it runs in, read once at activation: the launcher's
 * framework properties ({@code blixard.data.dir}, {@code blixard.peers}) and the process's own identity.
 *
 * @param version this bundle's version, for the backend's metadata
 * @param dataDirectory the node's data directory (hidden from sandboxed jobs), empty outside a node
 * @param singleNode whether the node runs without peers (the embedded development default)
 * @param searchPath the PATH commands are looked up on and jobs get
 * @param uid the node process's own uid
 */
record NodeFacts(String version, Optional<Path> dataDirectory, boolean singleNode, String searchPath, int uid) {

    static final String DATA_DIR_PROPERTY = "blixard.data.dir";
    static final String PEERS_PROPERTY = "blixard.peers";
    private static final String FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static NodeFacts of(BundleContext context) throws IOException {
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        String peers = context.getProperty(PEERS_PROPERTY);
        return new NodeFacts(context.getBundle().getVersion().toString(),
                dataDir == null || dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir)),
                peers == null || peers.isBlank(), processSearchPath(), ownUid());
    }

    /** The PATH of the node's process, or the usual system one when it has none. */
    static String processSearchPath() {
        String path = System.getenv("PATH");
        return path == null || path.isBlank() ? FALLBACK_PATH : path;
    }

    /** The kernel's answer, without a native call: {@code /proc/self} belongs to the process looking at it. */
    static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    boolean runningAsRoot() {
        return uid == 0;
    }

    /** {@code DATA_DIR/work/local}, or a folder of the JVM's temp directory outside a node. */
    Path defaultWorkRoot() {
        return dataDirectory().map(dir -> dir.resolve("work").resolve("local"))
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "blixard-local-work"));
    }
}
