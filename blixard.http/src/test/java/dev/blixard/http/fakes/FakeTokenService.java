package dev.blixard.http.fakes;

import dev.blixard.api.NotFoundException;
import dev.blixard.api.security.IssuedToken;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import dev.blixard.api.security.TokenService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tokens in a map, secrets "secret-N" for token "tok-N", for tests. */
public final class FakeTokenService implements TokenService {
    private final Map<String, TokenInfo> bySecret = new LinkedHashMap<>();
    private int created;

    @Override
    public synchronized IssuedToken create(Role role, String tenant, String description) {
        created++;
        TokenInfo info = new TokenInfo("tok-" + created, role, tenant, description, Instant.ofEpochSecond(created));
        bySecret.put("secret-" + created, info);
        return new IssuedToken(info, "secret-" + created);
    }

    @Override
    public TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description) {
        throw new UnsupportedOperationException("not in this fake");
    }

    @Override
    public synchronized Optional<TokenInfo> authenticate(String secret) {
        return Optional.ofNullable(bySecret.get(secret));
    }

    @Override
    public synchronized void revoke(String id) {
        if (!bySecret.values().removeIf(info -> info.id().equals(id))) {
            throw new NotFoundException("token", id);
        }
    }

    @Override
    public synchronized List<TokenInfo> list() {
        return new ArrayList<>(bySecret.values());
    }
}
