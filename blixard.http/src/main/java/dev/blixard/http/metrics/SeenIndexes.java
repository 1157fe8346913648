package dev.blixard.http.metrics;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The log indexes of the most recent events seen, so that an event delivered twice counts once. It remembers
 * the last {@code capacity} indexes, whatever their order (Event Admin may deliver out of order).
 */
final class SeenIndexes {
    private final int capacity;
    private final Set<Long> seen = new LinkedHashSet<>();

    SeenIndexes(int capacity) {
        this.capacity = capacity;
    }

    /** @return whether {@code index} was not seen before (and remembers it) */
    synchronized boolean firstSighting(long index) {
        if (!seen.add(index)) {
            return false;
        }
        if (seen.size() > capacity) {
            Iterator<Long> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
