package dev.blixard.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Raft group the node belongs to, as this node sees it, and changes of its membership. One process alone
 * is a group of one.
 */
@ProviderType
public interface ClusterService {

    /** @return the members, the leader, the term and this node's indexes */
    ClusterStatus status();

    /**
     * Adds a member to the group (a Raft configuration change, committed by the leader). The new node should
     * already run with this id and Raft address; it catches up from a snapshot and the log.
     *
     * @param id the new member's node id (letters, digits, {@code . _ -})
     * @param address its Raft endpoint, {@code host:port}
     * @return the group after the change
     * @throws dev.blixard.api.InvalidRequestException when the id or address is malformed
     * @throws dev.blixard.api.ConflictException when a member has this id already
     * @throws dev.blixard.api.UnavailableException when there is no leader or the change was not committed in time
     * @since 1.2
     */
    ClusterStatus addMember(String id, String address);

    /**
     * Removes a member from the group. Removing the leader makes the others elect a new one.
     *
     * @param id the member's node id
     * @return the group after the change
     * @throws dev.blixard.api.NotFoundException when no member has this id
     * @throws dev.blixard.api.ConflictException when it is the last member
     * @throws dev.blixard.api.UnavailableException when there is no leader or the change was not committed in time
     * @since 1.2
     */
    ClusterStatus removeMember(String id);
}
