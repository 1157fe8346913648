package dev.blixard.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the replicated store (PID {@code blixard.store}). Identity and membership (node id,
 * data directory, Raft port, peers) default to the framework properties the launcher sets from its
 * command line ({@code blixard.node.id}, {@code blixard.data.dir}, {@code blixard.raft.port},
 * {@code blixard.peers}); the rest are tuning knobs.
 */
@ObjectClassDefinition(name = "Blixard replicated store",
        description = "SQLite on every node, replicated with Raft (Apache Ratis).")
public @interface StoreConfig {

    @AttributeDefinition(name = "Node id", description = "This member's id; empty: the framework property blixard.node.id.")
    String node_id() default "";

    @AttributeDefinition(name = "Data directory", description = "Where the SQLite file, the Raft log and snapshots live; empty: <blixard.data.dir>/store.")
    String data_dir() default "";

    @AttributeDefinition(name = "Raft host", description = "Address this member binds for Raft; empty: the framework property blixard.raft.host (its host in --peers), else 127.0.0.1.")
    String raft_host() default "";

    @AttributeDefinition(name = "Raft port", description = "Port of this member's Raft endpoint; 0: the framework property blixard.raft.port, else a free port (one-node groups only).", min = "0", max = "65535")
    int raft_port() default 0;

    @AttributeDefinition(name = "Peers", description = "Every member of the group as id=host:port, comma separated, this node included; empty: the framework property blixard.peers, else a one-node group.")
    String peers() default "";

    @AttributeDefinition(name = "Snapshot threshold", description = "Take a snapshot after this many log entries.", min = "100")
    long snapshot_threshold() default 100_000;

    /** See SnapshotPacing: a snapshot copies the whole database, so a large one is taken less often. */
    @AttributeDefinition(name = "Snapshot log ratio", description = "Once the latest snapshot exceeds 64 MiB, the "
            + "next also waits until the log applied since then reaches this many times its size; 0: the threshold "
            + "of entries alone decides.", min = "0")
    double snapshot_log_ratio() default 0.5;

    @AttributeDefinition(name = "Write timeout (ms)", description = "How long a write may wait for a leader before it fails.", min = "100")
    long write_timeout_ms() default 30_000;

    @AttributeDefinition(name = "Election timeout, minimum (ms)", min = "100")
    long election_timeout_min_ms() default 1_000;

    @AttributeDefinition(name = "Election timeout, maximum (ms)", min = "200")
    long election_timeout_max_ms() default 2_000;

    @AttributeDefinition(name = "Batches per log entry", description = "Group commit: most write batches one entry carries.", min = "1")
    int group_max_batches() default 1024;

    @AttributeDefinition(name = "Bytes per log entry", description = "Group commit: most bytes one entry carries.", min = "1024")
    int group_max_bytes() default 4 * 1024 * 1024;

    /**
     * Two: one entry is replicated and applied while the next fills up. More entries in flight make each
     * smaller, and on a small machine the per-entry cost of Ratis then costs more than the overlap buys
     * (store-bench, docs/benchmarks.md).
     */
    @AttributeDefinition(name = "Entries in flight", description = "Group commit: entries on their way to the log at once.", min = "1")
    int group_max_in_flight() default 2;

    @AttributeDefinition(name = "Read connections", description = "SQLite connections serving reads at once.", min = "1")
    int read_connections() default 4;

    @AttributeDefinition(name = "Log segment size (bytes)", description = "The Raft log is kept in segments of this size; "
            + "segments a snapshot covers are deleted whole, and the newest few are cached on the heap.", min = "65536")
    long log_segment_bytes() default 8L * 1024 * 1024;
}
