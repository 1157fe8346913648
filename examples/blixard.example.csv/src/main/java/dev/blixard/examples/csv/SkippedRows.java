package dev.blixard.examples.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the rows left out of a summary and keeps the reasons for the first few, so a file with a million
 * bad rows still yields a small result. Not thread-safe.
 */
final class SkippedRows {
    /** How many reasons a result lists; the count covers all of them. */
    static final int MAX_REASONS = 20;

    private final List<String> reasons = new ArrayList<>();
    private long count;

    void add(long line, String reason) {
        count++;
        if (reasons.size() < MAX_REASONS) {
            reasons.add("line " + line + ": " + reason);
        }
    }

    long count() {
        return count;
    }

    /** @return up to {@value #MAX_REASONS} reasons, first rows first */
    List<String> reasons() {
        return List.copyOf(reasons);
    }
}
