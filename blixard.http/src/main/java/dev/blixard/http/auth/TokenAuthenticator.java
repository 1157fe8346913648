package dev.blixard.http.auth;

import dev.blixard.api.security.TokenService;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The node's {@link Authenticator}: a bearer secret is a token of the {@link TokenService} (core keeps their
 * SHA-256 hashes in the replicated store, so a token made on any node works on every node). The caller is
 * named by the token's id, never by its secret; nothing here logs, so a secret cannot reach a log line.
 *
 * <p>Without a token service there is no authenticator, and without an authenticator no REST API: a node
 * never answers unauthenticated. Another authenticator registered with a higher {@code service.ranking}
 * replaces this one (the REST API binds the best one greedily).
 */
@Component(service = Authenticator.class)
public final class TokenAuthenticator implements Authenticator {
    private final TokenService tokens;

    @Activate
    public TokenAuthenticator(@Reference TokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        // The service compares hashes, so the time taken does not depend on how much of a guess was right.
        return tokens.authenticate(bearerToken).map(token -> new Caller(token.id(), token.role(), token.tenant()));
    }
}
