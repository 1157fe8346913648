package dev.blixard.store;

/**
 * Told of every log index this node applies, after the transaction committed locally, so callers can
 * wake long-polls. Called on the apply thread: return at once (hand work to another thread).
 */
@FunctionalInterface
public interface ApplyListener {

    /** @param index the index just applied */
    void applied(long index);
}
