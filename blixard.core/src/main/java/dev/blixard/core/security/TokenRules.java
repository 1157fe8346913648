package dev.blixard.core.security;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a token's fields must look like. Every problem of a request is reported at once, as the API's
 * {@link InvalidRequestException}, before anything is proposed to the store.
 */
final class TokenRules {
    /** The API's tenant rule (a job's tenant): lower-case namespaces. Repeated here because the API keeps its own private. */
    static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** Token ids: the API's identifiers plus {@code @}, for a node's admin token {@code admin@<node id>}. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    static final int MAX_DESCRIPTION = 200;

    private final List<Violation> violations = new ArrayList<>();

    /** Checks the fields every token has. */
    TokenRules fields(Role role, String tenant, String description) {
        check(role != null, "role", "is required (client, worker or admin)");
        check(tenant == null || TENANT.matcher(tenant).matches(), "tenant",
                "'" + abbreviate(tenant) + "' is not a valid tenant (expected " + TENANT.pattern() + ")");
        if (description != null) {
            check(description.length() <= MAX_DESCRIPTION, "description",
                    "is " + description.length() + " characters long, at most " + MAX_DESCRIPTION + " allowed");
            // A description is printed in listings and logs: no line breaks or escapes that could forge lines.
            check(description.chars().noneMatch(Character::isISOControl), "description", "contains control characters");
        }
        return this;
    }

    /** Checks the id and hash of a token registered by its hash. */
    TokenRules registration(String id, String sha256Hex) {
        check(id != null && ID.matcher(id).matches(), "id", id == null ? "is required"
                : "'" + abbreviate(id) + "' is not a valid token id (expected " + ID.pattern() + ")");
        check(sha256Hex != null && SHA256_HEX.matcher(sha256Hex).matches(), "sha256",
                sha256Hex == null ? "is required" : "is not a SHA-256 hash (expected 64 lower-case hex digits)");
        return this;
    }

    /** @throws InvalidRequestException listing every problem found, if any */
    void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private void check(boolean condition, String field, String message) {
        if (!condition) {
            violations.add(new Violation(field, message));
        }
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
