package dev.blixard.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * This node's view of its Raft group.
 *
 * @param nodeId this node
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, {@code LISTENER} or {@code UNKNOWN}
 * @param leaderId the leader this node knows of, or {@code null}
 * @param term the current term
 * @param commitIndex the highest log index known committed
 * @param appliedIndex the highest log index applied to this node's SQLite file
 * @param members the group's members
 */
public record StoreStatus(String nodeId, String role, String leaderId, long term, long commitIndex,
        long appliedIndex, List<Member> members) {

    public StoreStatus {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
        members = List.copyOf(Objects.requireNonNull(members, "members"));
    }

    /** @return the leader's id, if one is known */
    public Optional<String> leader() {
        return Optional.ofNullable(leaderId);
    }

    /** @return whether this node is the leader */
    public boolean isLeader() {
        return "LEADER".equals(role);
    }
}
