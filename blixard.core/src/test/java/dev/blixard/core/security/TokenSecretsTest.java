package dev.blixard.core.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

/** Token ids, secrets and the hash the store keeps. */
public class TokenSecretsTest {
    private final TokenSecrets secrets = new TokenSecrets(new SecureRandom());

    @Test
    public void theHashIsTheSha256HexOfTheUtf8Bytes() {
        // FIPS 180-2's test vector; the launcher hashes the admin token the same way.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.sha256Hex("abc"));
        assertTrue(TokenRules.SHA256_HEX.matcher(TokenSecrets.sha256Hex("é")).matches());
    }

    @Test
    public void idsAndSecretsHaveTheirFormAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = secrets.newId();
            String secret = secrets.newSecret();
            assertTrue(id, id.matches("tok_[a-z2-7]{16}") && TokenRules.ID.matcher(id).matches());
            assertTrue(secret, secret.matches("bxt_[A-Za-z0-9_-]{43}"));
            assertTrue(seen.add(id) && seen.add(secret));
        }
    }
}
