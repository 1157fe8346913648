package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.http.auth.Access;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Calls routes of the real route table the way the dispatcher does (route, role check, handler), minus HTTP. */
final class RouteCalls {
    private final RouteTable table;
    private final JsonCodec codec = JsonCodec.withMaxDepth(64);

    RouteCalls(NodeServices services) {
        this.table = ApiRoutes.table(services, codec);
    }

    Reply call(Caller caller, String method, String path, String json) {
        RouteTable.Match match = table.match(method, path);
        Access.checkRole(caller, match.route().roles());
        JsonNode body = json == null ? null : codec.parse(json.getBytes(StandardCharsets.UTF_8));
        return match.route().handler().handle(new ApiCall(caller, match.params(), Map.of(), body));
    }
}
