package dev.blixard.api.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster as one node sees it.
 *
 * @param nodeId the node that answers
 * @param role its Raft role: {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE} or another state Raft reports
 * @param leaderId the leader it knows of, or {@code null} when there is none (an election is running)
 * @param term the current Raft term
 * @param commitIndex the highest log index known to be committed
 * @param appliedIndex the highest log index applied to this node's replica
 * @param members every member of the group
 */
public record ClusterStatus(String nodeId, String role, String leaderId, long term, long commitIndex,
        long appliedIndex, List<ClusterMember> members) {

    public ClusterStatus {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
        members = List.copyOf(Objects.requireNonNull(members, "members"));
    }

    /** @return the leader's id, empty while there is none */
    public Optional<String> leader() {
        return Optional.ofNullable(leaderId);
    }

    /**
     * One member of the group.
     *
     * @param id its node id
     * @param address its Raft address, host:port
     * @param leader whether it is the leader
     */
    public record ClusterMember(String id, String address, boolean leader) {

        public ClusterMember {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(address, "address");
        }
    }
}
