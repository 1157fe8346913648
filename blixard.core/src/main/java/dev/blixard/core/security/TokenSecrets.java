package dev.blixard.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * New token ids and secrets, and the hash a secret is kept as.
 *
 * <p>A secret is {@value #SECRET_PREFIX} followed by 32 random bytes in URL-safe base64 without padding (47
 * characters): the prefix lets secret scanners and people recognise a leaked Blixard token. An id is
 * {@value #ID_PREFIX} followed by 80 random bits in lower-case base32 (16 characters): public, for listing
 * and revoking.
 */
final class TokenSecrets {
    static final String SECRET_PREFIX = "bxt_";
    static final String ID_PREFIX = "tok_";
    static final int SECRET_BYTES = 32;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int ID_CHARACTERS = 16;

    private final SecureRandom random;

    TokenSecrets(SecureRandom random) {
        this.random = random;
    }

    /** @return a new secret */
    String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return a new token id */
    String newId() {
        // 16 characters of 5 bits each from 10 random bytes, most significant bits first.
        byte[] bytes = new byte[ID_CHARACTERS * 5 / 8];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(ID_PREFIX);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                id.append(BASE32[(buffer >> bits) & 31]);
            }
        }
        return id.toString();
    }

    /** @return the SHA-256 of the secret's UTF-8 bytes, 64 lower-case hex digits: what the store keeps */
    static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
