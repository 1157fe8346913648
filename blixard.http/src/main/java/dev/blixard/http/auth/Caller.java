package dev.blixard.http.auth;

import dev.blixard.api.security.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the REST API, as its bearer token says.
 *
 * @param subject a name for logs and audit, for example the token's label; never the token itself
 * @param role what the caller may do
 * @param tenant the tenant the caller is bound to, or {@code null}; a client without one acts in the
 *        default tenant, workers and admins are not scoped by it
 */
public record Caller(String subject, Role role, String tenant) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
    }

    /** @return the tenant the caller is bound to, if any */
    public Optional<String> boundTenant() {
        return Optional.ofNullable(tenant);
    }

    @Override
    public String toString() {
        return subject + " (" + role + (tenant == null ? "" : ", tenant " + tenant) + ")";
    }
}
