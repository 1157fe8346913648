package dev.blixard.http.auth;

import java.util.Optional;

/**
 * Turns the token of an {@code Authorization: Bearer <token>} header into the {@link Caller} it stands
 * for. The REST API takes the implementation as a mandatory service, so it answers nothing until one is
 * registered; the bundle ships none that lets everyone in.
 *
 * <p>Implementations are called concurrently for every request and must be fast (no blocking I/O per
 * call) and compare tokens in constant time.
 */
public interface Authenticator {

    /**
     * @param bearerToken the token as sent, without the {@code Bearer } prefix; never empty
     * @return the caller, or empty when the token is unknown, expired or revoked (the request is refused
     *         with 401)
     */
    Optional<Caller> authenticate(String bearerToken);
}
