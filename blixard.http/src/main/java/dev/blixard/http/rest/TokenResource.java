package dev.blixard.http.rest;

import dev.blixard.api.security.IssuedToken;
import dev.blixard.http.json.TokenJson;
import java.util.List;

/**
 * {@code /api/tokens} (admins only): create a token (201, the only answer that shows its secret), list them
 * (without secrets), revoke one (204; 404 for an unknown id).
 */
final class TokenResource {
    private final NodeServices services;

    TokenResource(NodeServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/tokens", BodyRule.JSON, this::create),
                Route.get("/tokens", call -> Reply.ok(TokenJson.writeAll(services.tokens().list()))),
                Route.delete("/tokens/{id}", call -> {
                    services.tokens().revoke(call.param("id"));
                    return Reply.noContent();
                }));
    }

    private Reply create(ApiCall call) {
        TokenJson.TokenRequest request = TokenJson.read(call.fields());
        IssuedToken issued = services.tokens().create(request.role(), request.tenant(), request.description());
        return Reply.created(TokenJson.write(issued));
    }
}
