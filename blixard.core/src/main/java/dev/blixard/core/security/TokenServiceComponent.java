package dev.blixard.core.security;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.security.IssuedToken;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import dev.blixard.api.security.TokenService;
import dev.blixard.core.security.TokenStore.StoredToken;
import dev.blixard.store.ReplicatedDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenService} over the replicated {@code tokens} table ({@link TokenSchema}, created at activation).
 * Tokens are kept by the SHA-256 of their secret; authentication reads the unique hash index on this node's
 * replica, at most once per {@link #AUTHENTICATION_MAX_AGE} for a token in use ({@link AuthenticatedTokens}).
 * A revoke holds at once on the node that made it, and on every other member within that time of the member
 * applying it.
 */
@Component(service = TokenService.class)
public final class TokenServiceComponent implements TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceComponent.class);
    /** How long a token change waits for its replicated write. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Longer bearer values are no token of ours: refused without hashing whatever a client sends. */
    static final int MAX_SECRET_LENGTH = 512;
    /** How long a token found active is believed without reading the replica again. */
    static final Duration AUTHENTICATION_MAX_AGE = Duration.ofSeconds(1);
    /** Tokens believed at most at once; far more than a deployment has, few enough to cost nothing. */
    private static final int AUTHENTICATED_TOKENS = 10_000;

    private final TokenStore store;
    private final AuthenticatedTokens authenticated;
    private final Clock clock;
    private final TokenSecrets secrets;
    private final String nodeId;

    @Activate
    public TokenServiceComponent(@Reference ReplicatedDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** Over the database; a factory, not a constructor, so that DS sees only the constructor it activates. */
    private TokenServiceComponent(ReplicatedDatabase database, Clock clock) {
        this.nodeId = database.status().nodeId();
        this.store = TokenStore.open(database, WRITE_TIMEOUT);
        this.authenticated = new AuthenticatedTokens(AUTHENTICATION_MAX_AGE.toNanos(), AUTHENTICATED_TOKENS,
                System::nanoTime);
        this.clock = clock;
        this.secrets = new TokenSecrets(new SecureRandom());
    }

    /** @return the service over a database opened without OSGi (tests), creating its table */
    public static TokenServiceComponent over(ReplicatedDatabase database, Clock clock) {
        return new TokenServiceComponent(database, clock);
    }

    @Override
    public IssuedToken create(Role role, String tenant, String description) {
        new TokenRules().fields(role, tenant, description).throwIfInvalid();
        String secret = secrets.newSecret();
        TokenInfo info = new TokenInfo(secrets.newId(), role, tenant, orEmpty(description), now());
        store.insert(info, TokenSecrets.sha256Hex(secret));
        LOG.info("Node {}: created token {} (role {}, tenant {})", nodeId, info.id(), role.wireName(), scope(tenant));
        return new IssuedToken(info, secret);
    }

    @Override
    public TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description) {
        new TokenRules().registration(id, sha256Hex).fields(role, tenant, description).throwIfInvalid();
        StoredToken stored = store.insertIfAbsent(new TokenInfo(id, role, tenant, orEmpty(description), now()), sha256Hex);
        if (!stored.sha256().equals(sha256Hex)) {
            throw new ConflictException("token '" + id + "' is registered with another secret");
        }
        if (stored.revoked()) {
            // Its secret may have leaked: bringing it back would undo the revoke. A new secret needs a new id.
            throw new ConflictException("token '" + id + "' was revoked and cannot be registered again");
        }
        if (stored.inserted()) {
            LOG.info("Node {}: registered token {} (role {}, tenant {})", nodeId, id, role.wireName(), scope(tenant));
        }
        return stored.info();
    }

    @Override
    public Optional<TokenInfo> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        return authenticated.find(TokenSecrets.sha256Hex(secret), store::findActive);
    }

    @Override
    public void revoke(String id) {
        if (id == null) {
            throw new InvalidRequestException("id", "is required");
        }
        boolean revoked;
        try {
            revoked = store.revoke(id, now());
        } finally {
            // Also when nothing was revoked (the token may have been revoked through another member meanwhile) or
            // the store failed after the revoke may have been applied.
            authenticated.forgetAll();
        }
        if (!revoked) {
            throw new NotFoundException("token", id);
        }
        LOG.info("Node {}: revoked token {}", nodeId, id);
    }

    @Override
    public List<TokenInfo> list() {
        return store.active();
    }

    /** The proposer's clock reading, to the millisecond the store keeps, so a returned token equals a listed one. */
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static String orEmpty(String description) {
        return description == null ? "" : description;
    }

    private static String scope(String tenant) {
        return tenant == null ? "all" : tenant;
    }
}
