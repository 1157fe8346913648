package dev.blixard.dashboard.console;

import dev.blixard.api.HealthState;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.ClusterStatus.ClusterMember;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Raft group as this node sees it: its role, the leader, the term, how far the log is committed and applied
 * here, and the members.
 */
final class ClusterSection extends Section {

    private final ClusterService cluster;

    /** @param cluster the group's view, or {@code null} when it is not registered */
    ClusterSection(ClusterService cluster) {
        super("blixard-cluster", "Cluster", "The cluster view");
        this.cluster = cluster;
    }

    @Override
    protected void body(Html out, Instant now) {
        if (cluster == null) {
            unavailable(out, "the cluster service is not registered, which happens while the replicated store "
                    + "starts or stops.");
            return;
        }
        ClusterStatus status = cluster.status();
        statline(out, status.leader().map(leader -> leader.equals(status.nodeId())
                ? "This node leads the group of " + members(status) + "."
                : "Node " + leader + " leads the group of " + members(status) + "; this node is a "
                        + status.role().toLowerCase(Locale.ROOT) + ".")
                .orElse("The group has no leader right now: an election is running, so writes wait."));

        openFacts(out, "blixard-cluster-facts");
        fact(out, "node", "This node", status.nodeId());
        out.open("tr", "data-fact", "role").element("td", "Role").open("td");
        badge(out, status.role(), "LEADER".equalsIgnoreCase(status.role()) || "FOLLOWER".equalsIgnoreCase(
                status.role()) ? HealthState.UP : HealthState.DEGRADED);
        out.close("td").close("tr").newline();
        fact(out, "leader", "Leader", status.leader().orElse("none (an election is running)"));
        fact(out, "term", "Term", Long.toString(status.term()));
        fact(out, "commit-index", "Commit index", Long.toString(status.commitIndex()));
        long behind = status.commitIndex() - status.appliedIndex();
        fact(out, "applied-index", "Applied index", status.appliedIndex()
                + (behind > 0 ? " (" + behind + " behind the commit index)" : " (up to date)"));
        closeTable(out);

        subheading(out, "Members");
        List<ClusterMember> members = status.members().stream().sorted(Comparator.comparing(ClusterMember::id))
                .toList();
        openTable(out, "blixard-cluster-members", "Member", "Address", "Role");
        for (ClusterMember member : members) {
            out.open("tr", "data-member", member.id()).element("td", member.id()).element("td", member.address());
            out.element("td", (member.leader() ? "leader" : "follower")
                    + (member.id().equals(status.nodeId()) ? " (this node)" : ""));
            out.close("tr").newline();
        }
        closeTable(out);
    }

    private static String members(ClusterStatus status) {
        int size = status.members().size();
        return size + (size == 1 ? " member" : " members");
    }

    private static void fact(Html out, String key, String label, String value) {
        out.open("tr", "data-fact", key).element("td", label).element("td", value).close("tr").newline();
    }
}
