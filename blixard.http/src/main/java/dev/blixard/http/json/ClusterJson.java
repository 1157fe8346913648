package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.service.ClusterStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster as the answering node sees it: {@code node_id}, {@code role}, {@code leader_id} ({@code null}
 * during an election), {@code term}, {@code commit_index}, {@code applied_index} and the {@code members}
 * ({@code id}, {@code address}, {@code leader}); and the body of {@code POST /api/cluster/members}
 * ({@code id}, {@code address}).
 */
public final class ClusterJson {

    private ClusterJson() {
    }

    /**
     * A member to add.
     *
     * @param id its node id
     * @param address its Raft endpoint, {@code host:port}
     */
    public record MemberRequest(String id, String address) {
    }

    /**
     * @throws dev.blixard.http.problem.HttpProblem 400 for unknown fields or fields of the wrong type
     * @throws InvalidRequestException 422 when {@code id} or {@code address} is missing
     */
    public static MemberRequest readMember(FieldReader in) {
        String id = in.text("id");
        String address = in.text("address");
        in.finish();
        List<Violation> missing = new ArrayList<>();
        if (id == null) {
            missing.add(new Violation("id", "is required: the new member's node id"));
        }
        if (address == null) {
            missing.add(new Violation("address", "is required: host:port of its Raft endpoint"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(missing);
        }
        return new MemberRequest(id, address);
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
