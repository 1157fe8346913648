package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.service.ClusterStatus;

/**
 * The cluster as the answering node sees it: {@code node_id}, {@code role}, {@code leader_id} ({@code null}
 * during an election), {@code term}, {@code commit_index}, {@code applied_index} and the {@code members}
 * ({@code id}, {@code address}, {@code leader}).
 */
public final class ClusterJson {

    private ClusterJson() {
    }

    public static ObjectNode write(ClusterStatus cluster) {
        ObjectNode node = JsonCodec.object();
        node.put("node_id", cluster.nodeId());
        node.put("role", cluster.role());
        node.put("leader_id", cluster.leaderId());
        node.put("term", cluster.term());
        node.put("commit_index", cluster.commitIndex());
        node.put("applied_index", cluster.appliedIndex());
        ArrayNode members = node.putArray("members");
        for (ClusterStatus.ClusterMember member : cluster.members()) {
            members.addObject().put("id", member.id()).put("address", member.address()).put("leader", member.leader());
        }
        return node;
    }
}
