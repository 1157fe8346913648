package dev.blixard.api.security;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates, checks and revokes bearer tokens. Core implements it over the replicated store: a token created
 * or revoked on any node holds on every node once the change is committed.
 *
 * <p>Refusals are {@link dev.blixard.api.BlixardException}s: an invalid argument is an
 * {@link dev.blixard.api.InvalidRequestException}, an unknown id a {@link dev.blixard.api.NotFoundException},
 * a store without a leader an {@link dev.blixard.api.UnavailableException}.
 */
@ProviderType
public interface TokenService {

    /**
     * Creates a token with a new random secret.
     *
     * @param role what it may do
     * @param tenant the only tenant it may act in, or {@code null} for every tenant
     * @param description who or what it is for (may be empty)
     * @return the token with its secret, which is not kept anywhere
     */
    IssuedToken create(Role role, String tenant, String description);

    /**
     * Registers a token whose secret was made elsewhere, by its SHA-256 hash: a node's own admin token from
     * its data directory, so that it works on every member. Registering the same id with the same hash again
     * changes nothing.
     *
     * @param id the token's identifier
     * @param sha256Hex the SHA-256 of the secret's UTF-8 bytes, 64 lowercase hex digits
     * @return the registered token
     * @throws dev.blixard.api.ConflictException when the id is registered with another hash
     */
    TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description);

    /**
     * Checks a bearer secret against this node's replica (no round trip to the leader: a request is
     * authenticated where it arrives).
     *
     * @return the token the secret belongs to, empty when it is unknown or revoked
     */
    Optional<TokenInfo> authenticate(String secret);

    /**
     * Revokes a token: it is refused by every node once the change is committed.
     *
     * @throws dev.blixard.api.NotFoundException when no token has this id
     */
    void revoke(String id);

    /** @return every token that has not been revoked, oldest first */
    List<TokenInfo> list();
}
