package dev.blixard.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The validated options of {@code blixard run}. Adding a flag means adding a component here, an
 * {@link OptionSpec} and one conversion in {@link CommandLine}.
 *
 * @param dataDir     the node's data directory (not yet created or checked)
 * @param httpPort    the HTTP port, 1 to 65535
 * @param bindAddress the address the HTTP server listens on, as the user wrote it
 * @param nodeId      the node identity asked for, if any; otherwise the one kept in the data directory is used
 * @param raftPort    the port of this node's Raft endpoint, if given (or taken from its entry in {@code peers})
 * @param peers       every member of the cluster, this node included; empty for a one-node group
 * @param withoutBundles symbolic names of runtime bundles (backends only) this node runs without
 */
record RunOptions(Path dataDir, int httpPort, String bindAddress, Optional<String> nodeId, OptionalInt raftPort,
        List<Peer> peers, Set<String> withoutBundles) {

    static final Path DEFAULT_DATA_DIR = Path.of("blixard-data");
    static final int DEFAULT_HTTP_PORT = 7070;
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    RunOptions {
        peers = List.copyOf(peers);
        withoutBundles = Set.copyOf(withoutBundles);
    }

    /** A one-node group with an automatic Raft port. */
    RunOptions(Path dataDir, int httpPort, String bindAddress, Optional<String> nodeId) {
        this(dataDir, httpPort, bindAddress, nodeId, OptionalInt.empty(), List.of(), Set.of());
    }

    /** @return this node's entry in the peer list, if it is a cluster member */
    Optional<Peer> self() {
        return nodeId.flatMap(id -> peers.stream().filter(peer -> peer.id().equals(id)).findFirst());
    }

    /** @return the peer list as the store reads it: {@code id=host:port,...} */
    String peersProperty() {
        return String.join(",", peers.stream().map(Peer::toString).toList());
    }

    /**
     * One member of the cluster.
     *
     * @param id   its node id
     * @param host the host its Raft endpoint listens on and the others reach it at
     * @param port its Raft port
     */
    record Peer(String id, String host, int port) {

        @Override
        public String toString() {
            return id + "=" + host + ":" + port;
        }
    }
}
