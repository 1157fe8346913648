package dev.blixard.api.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of a token, never its secret.
 *
 * @param id the token's public identifier, for listing and revoking
 * @param role what the token may do
 * @param tenant the only tenant the token may act in, or {@code null} for every tenant
 * @param description who or what the token is for
 * @param createdAt when it was created
 */
public record TokenInfo(String id, Role role, String tenant, String description, Instant createdAt) {

    public TokenInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return the tenant the token is limited to, empty when it may act in every tenant */
    public Optional<String> tenantScope() {
        return Optional.ofNullable(tenant);
    }
}
