package dev.blixard.http.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.blixard.api.security.IssuedToken;
import dev.blixard.api.security.Role;
import dev.blixard.http.fakes.FakeTokenService;
import org.junit.Test;

public class TokenAuthenticatorTest {
    private final FakeTokenService tokens = new FakeTokenService();
    private final TokenAuthenticator authenticator = new TokenAuthenticator(tokens);

    @Test
    public void aSecretIsTheCallerOfItsTokenNamedByTheTokenId() {
        IssuedToken client = tokens.create(Role.CLIENT, "t", "a client");
        Caller caller = authenticator.authenticate(client.secret()).orElseThrow();
        assertEquals(new Caller(client.info().id(), Role.CLIENT, "t"), caller);
        assertFalse("the caller never carries the secret", caller.toString().contains(client.secret()));
    }

    @Test
    public void unknownAndRevokedSecretsAreNobody() {
        IssuedToken admin = tokens.create(Role.ADMIN, null, "");
        assertEquals(Role.ADMIN, authenticator.authenticate(admin.secret()).orElseThrow().role());
        assertFalse(authenticator.authenticate("guess").isPresent());
        tokens.revoke(admin.info().id());
        assertFalse(authenticator.authenticate(admin.secret()).isPresent());
    }
}
