package dev.blixard.store;

/** How fresh a read must be. */
public enum Consistency {
    /** This node's replica as it is: fastest, possibly behind the leader. */
    LOCAL,
    /** Every write acknowledged before the read started is visible (Raft read index). */
    LINEARIZABLE
}
