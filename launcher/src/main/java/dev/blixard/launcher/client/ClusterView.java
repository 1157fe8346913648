package dev.blixard.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;

/** How {@code blixard cluster} reads: the answering node's view of the Raft group and its members. */
final class ClusterView {

    private ClusterView() {
    }

    static String render(JsonNode cluster) {
        String fields = new Fields()
                .add("node", Json.text(cluster, "node_id") + " (" + Json.text(cluster, "role") + ")")
                .add("leader", Json.text(cluster, "leader_id"))
                .add("term", Json.text(cluster, "term"))
                .add("commit index", Json.text(cluster, "commit_index"))
                .add("applied index", Json.text(cluster, "applied_index"))
                .render();
        Table members = new Table("MEMBER", "ADDRESS", "LEADER");
        for (JsonNode member : cluster.path("members")) {
            members.row(Json.text(member, "id"), Json.text(member, "address"),
                    member.path("leader").asBoolean() ? "yes" : "");
        }
        return fields + "\n" + members.render();
    }
}
