package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.security.IssuedToken;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import java.util.List;

/**
 * Tokens on the wire: the body of {@code POST /api/tokens} ({@code role}, {@code tenant}, {@code description}),
 * a token ({@code id}, {@code role}, {@code tenant}, {@code description}, {@code created_at}) and a new token,
 * which alone carries its {@code secret}.
 */
public final class TokenJson {

    private TokenJson() {
    }

    /**
     * What to create.
     *
     * @param role what the token may do
     * @param tenant the only tenant it may act in, or {@code null}
     * @param description who or what it is for, empty when not given
     */
    public record TokenRequest(Role role, String tenant, String description) {
    }

    /**
     * @throws dev.blixard.http.problem.HttpProblem 400 for unknown fields or fields of the wrong type
     * @throws InvalidRequestException 422 when the role is missing or not a role
     */
    public static TokenRequest read(FieldReader in) {
        String role = in.text("role");
        String tenant = in.text("tenant");
        String description = in.text("description");
        in.finish();
        if (role == null) {
            throw new InvalidRequestException(List.of(new Violation("role", "is required: client, worker or admin")));
        }
        try {
            return new TokenRequest(Role.fromWireName(role), tenant, description == null ? "" : description);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new Violation("role", "must be client, worker or admin")));
        }
    }

    /** @return the token, without any secret */
    public static ObjectNode write(TokenInfo token) {
        ObjectNode node = JsonCodec.object();
        node.put("id", token.id());
        node.put("role", token.role().wireName());
        node.put("tenant", token.tenant());
        node.put("description", token.description());
        JsonOut.instant(node, "created_at", token.createdAt());
        return node;
    }

    /** @return a token just created, with its secret: the only answer that ever shows it */
    public static ObjectNode write(IssuedToken issued) {
        return write(issued.info()).put("secret", issued.secret());
    }

    /** @return {@code {"tokens": [...]}} */
    public static ObjectNode writeAll(List<TokenInfo> tokens) {
        ObjectNode node = JsonCodec.object();
        ArrayNode array = node.putArray("tokens");
        tokens.forEach(token -> array.add(write(token)));
        return node;
    }
}
