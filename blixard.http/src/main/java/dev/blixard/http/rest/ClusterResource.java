package dev.blixard.http.rest;

import dev.blixard.http.json.ClusterJson;
import java.util.List;

/**
 * {@code /api/cluster} (admins only): the Raft group as this node sees it, and membership changes
 * ({@code POST /api/cluster/members}, {@code DELETE /api/cluster/members/{id}}), each answered with the group
 * after the change. 503 while core offers no view or the group has no leader.
 */
final class ClusterResource {
    private final NodeServices services;

    ClusterResource(NodeServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/cluster", call -> Reply.ok(ClusterJson.write(services.cluster().status()))),
                Route.post("/cluster/members", BodyRule.JSON, call -> {
                    ClusterJson.MemberRequest member = ClusterJson.readMember(call.fields());
                    return Reply.ok(ClusterJson.write(services.cluster().addMember(member.id(), member.address())));
                }),
                Route.delete("/cluster/members/{id}",
                        call -> Reply.ok(ClusterJson.write(services.cluster().removeMember(call.param("id"))))));
    }
}
