package dev.blixard.integration.cluster;

import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every leader the members named for every term, from their {@code GET /api/cluster} answers (a leader names
 * itself, a follower its leader): Raft allows one leader a term, so two names for one term is a split brain.
 */
final class TermLeaders {
    private final Map<Long, Set<String>> leaders = new TreeMap<>();
    private final Map<Long, Set<String>> witnesses = new TreeMap<>();

    /** Records what {@code view} (an answer of {@code nodeId}) says; a view without a leader says nothing. */
    synchronized void record(String nodeId, JsonNode view) {
        JsonNode leader = view.path("leader_id");
        if (!leader.isTextual()) {
            return;
        }
        long term = view.path("term").asLong();
        leaders.computeIfAbsent(term, any -> new TreeSet<>()).add(leader.asText());
        witnesses.computeIfAbsent(term, any -> new TreeSet<>()).add(nodeId);
    }

    /** Fails if any term had two leaders. */
    synchronized void assertOneLeaderPerTerm() {
        leaders.forEach((term, named) -> {
            if (named.size() > 1) {
                fail("split brain: term " + term + " had leaders " + named + " (named by " + witnesses.get(term)
                        + "); every term seen: " + leaders);
            }
        });
    }

    @Override
    public synchronized String toString() {
        return leaders.toString();
    }
}
