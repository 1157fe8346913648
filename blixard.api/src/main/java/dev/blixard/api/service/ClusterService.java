package dev.blixard.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** The Raft group the node belongs to, as this node sees it. One process alone is a group of one. */
@ProviderType
public interface ClusterService {

    /** @return the members, the leader, the term and this node's indexes */
    ClusterStatus status();
}
