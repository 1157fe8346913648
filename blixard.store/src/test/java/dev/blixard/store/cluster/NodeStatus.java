package dev.blixard.store.cluster;

/**
 * A child member's view of its group, as its {@code status} command reports it.
 *
 * @param node the member that reported
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, …
 * @param leader the leader it knows of, or {@code null}
 * @param term its current term
 * @param commitIndex the highest index it knows committed
 * @param appliedIndex the highest index applied to its SQLite file
 */
public record NodeStatus(String node, String role, String leader, long term, long commitIndex, long appliedIndex) {

    /** Parses {@code role leader term commitIndex appliedIndex}, the leader being {@code -} when unknown. */
    static NodeStatus parse(String node, String reply) {
        String[] parts = reply.split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException("node " + node + " sent a malformed status: '" + reply + "'");
        }
        return new NodeStatus(node, parts[0], parts[1].equals("-") ? null : parts[1], Long.parseLong(parts[2]),
                Long.parseLong(parts[3]), Long.parseLong(parts[4]));
    }

    public boolean isLeader() {
        return "LEADER".equals(role);
    }
}
