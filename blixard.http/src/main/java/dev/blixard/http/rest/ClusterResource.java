package dev.blixard.http.rest;

import dev.blixard.http.json.ClusterJson;
import java.util.List;

/** {@code /api/cluster} (admins only): the Raft group as this node sees it; 503 while core offers no view. */
final class ClusterResource {
    private final NodeServices services;

    ClusterResource(NodeServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(Route.get("/cluster", call -> Reply.ok(ClusterJson.write(services.cluster().status()))));
    }
}
