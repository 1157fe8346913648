package dev.blixard.store.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What every fault test checks of a member's {@code kv} table after the dust settled. */
final class ClusterAssertions {
    private static final int SHOWN = 10;

    private ClusterAssertions() {
    }

    /** The keys of a member's {@code kv} table in insertion (log) order, duplicates included. */
    static List<String> keysOf(NodeProcess node) {
        String keys = node.call("keys", Duration.ofSeconds(30));
        return keys.isEmpty() ? List.of() : Arrays.asList(keys.split(","));
    }

    /**
     * No key twice (every key was written once, so a second row is a second apply), every acknowledged key
     * present, and nothing present that no writer sent.
     */
    static void assertExactlyOnce(String member, List<String> keys, KeyWriters writers) {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach(key -> counts.merge(key, 1, Integer::sum));
        Set<String> twice = counts.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(member + " applied " + twice.size() + " writes twice: " + sample(twice), twice.isEmpty());

        Set<String> missing = new TreeSet<>(writers.acknowledged().keySet());
        missing.removeAll(counts.keySet());
        assertTrue(member + " lost " + missing.size() + " of " + writers.acknowledged().size()
                + " acknowledged writes: " + sample(missing), missing.isEmpty());

        Set<String> unknown = new TreeSet<>(counts.keySet());
        unknown.removeAll(writers.attempted());
        assertTrue(member + " holds " + unknown.size() + " keys nobody wrote: " + sample(unknown), unknown.isEmpty());

        assertTrue("the store refused writes it should have taken: " + writers.refused(), writers.refused().isEmpty());
    }

    /** Deterministic apply: every member holds the same rows in the same order. */
    static void assertSameRows(String member, List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            int first = 0;
            while (first < Math.min(expected.size(), actual.size()) && expected.get(first).equals(actual.get(first))) {
                first++;
            }
            assertEquals(member + " differs from the leader from row " + first + " on (" + actual.size() + " rows against "
                    + expected.size() + ")", expected.subList(first, Math.min(expected.size(), first + SHOWN)),
                    actual.subList(first, Math.min(actual.size(), first + SHOWN)));
        }
    }

    private static String sample(Set<String> keys) {
        return keys.stream().limit(SHOWN).collect(Collectors.joining(", ", "[", keys.size() > SHOWN ? ", …]" : "]"));
    }
}
