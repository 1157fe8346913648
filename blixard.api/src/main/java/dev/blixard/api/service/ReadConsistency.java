package dev.blixard.api.service;

/** How fresh a read must be. */
public enum ReadConsistency {
    /** This node's replica: fastest, possibly a little behind the leader. For dashboards and lists. */
    LOCAL,
    /** Reflects every write acknowledged anywhere before the read began (a Raft read index). */
    LINEARIZABLE
}
