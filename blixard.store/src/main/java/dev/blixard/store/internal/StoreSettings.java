package dev.blixard.store.internal;

import dev.blixard.store.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's settings after defaults are applied and every value checked: what {@link RaftSqliteStore}
 * is built from, independent of OSGi so tests and benchmarks construct it directly.
 */
record StoreSettings(String nodeId, Path directory, String raftHost, int raftPort, List<Member> peers,
        long snapshotThreshold, double snapshotLogRatio, Duration writeTimeout, Duration electionMin, Duration electionMax,
        int groupMaxBatches, int groupMaxBytes, int groupMaxInFlight, int readConnections, long logSegmentBytes) {

    StoreSettings {
        peers = List.copyOf(peers);
        if (!peers.isEmpty() && peers.stream().noneMatch(member -> member.id().equals(nodeId))) {
            throw new IllegalArgumentException("peers " + peers + " do not include this node '" + nodeId + "'");
        }
        SnapshotPacing.checkedRatio(snapshotLogRatio);
        if (electionMax.compareTo(electionMin) <= 0) {
            throw new IllegalArgumentException("the maximum election timeout must exceed the minimum");
        }
    }

    /** A one-node store with the default tuning, for tests and benchmarks. */
    static StoreSettings singleNode(String nodeId, Path directory, int raftPort) {
        return new StoreSettings(nodeId, directory, "127.0.0.1", raftPort, List.of(), 100_000, 0.5, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1024, 4 * 1024 * 1024, 2, 4,
                8L * 1024 * 1024);
    }

    /** A one-member group has nobody to disagree with: it may elect itself quickly. */
    static final Duration ALONE_ELECTION_MIN = Duration.ofMillis(150);
    static final Duration ALONE_ELECTION_MAX = Duration.ofMillis(300);

    /** A group of this member alone, with the default tuning and the quick elections of a lone member. */
    static StoreSettings alone(String nodeId, Path directory, int raftPort) {
        StoreSettings defaults = singleNode(nodeId, directory, raftPort);
        return new StoreSettings(nodeId, directory, defaults.raftHost, raftPort, List.of(), defaults.snapshotThreshold,
                defaults.snapshotLogRatio, defaults.writeTimeout, ALONE_ELECTION_MIN, ALONE_ELECTION_MAX, defaults.groupMaxBatches,
                defaults.groupMaxBytes, defaults.groupMaxInFlight, defaults.readConnections, defaults.logSegmentBytes);
    }

    /** The same settings as a member of {@code members}. */
    StoreSettings withPeers(List<Member> members) {
        return new StoreSettings(nodeId, directory, raftHost, raftPort, members, snapshotThreshold, snapshotLogRatio, writeTimeout,
                electionMin, electionMax, groupMaxBatches, groupMaxBytes, groupMaxInFlight, readConnections, logSegmentBytes);
    }

    StoreSettings withSnapshotThreshold(long threshold) {
        return new StoreSettings(nodeId, directory, raftHost, raftPort, peers, threshold, snapshotLogRatio, writeTimeout, electionMin,
                electionMax, groupMaxBatches, groupMaxBytes, groupMaxInFlight, readConnections, logSegmentBytes);
    }

    /** The same settings with writes failing after {@code timeout} without a leader. */
    StoreSettings withWriteTimeout(Duration timeout) {
        return new StoreSettings(nodeId, directory, raftHost, raftPort, peers, snapshotThreshold, snapshotLogRatio, timeout, electionMin,
                electionMax, groupMaxBatches, groupMaxBytes, groupMaxInFlight, readConnections, logSegmentBytes);
    }

    /** The same settings with log segments of {@code bytes}: only closed segments are purged after a snapshot. */
    StoreSettings withLogSegmentBytes(long bytes) {
        return new StoreSettings(nodeId, directory, raftHost, raftPort, peers, snapshotThreshold, snapshotLogRatio, writeTimeout, electionMin,
                electionMax, groupMaxBatches, groupMaxBytes, groupMaxInFlight, readConnections, bytes);
    }

    /** @return the members of the group: the peers, or this node alone */
    List<Member> members() {
        if (!peers.isEmpty()) {
            return peers;
        }
        List<Member> alone = new ArrayList<>();
        alone.add(new Member(nodeId, raftHost + ":" + raftPort));
        return alone;
    }

    /** Parses {@code id=host:port,id=host:port}; blank means none. */
    static List<Member> parsePeers(String text) {
        List<Member> members = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return members;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                members.add(Member.parse(part.trim()));
            }
        }
        if (members.stream().map(Member::id).distinct().count() != members.size()) {
            throw new IllegalArgumentException("peers name a node twice: " + text);
        }
        return members;
    }
}
