package dev.blixard.launcher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encodes a password the way Felix Web Console 5 stores hashed passwords, so that the console's credentials
 * (framework property {@code felix.webconsole.password}, which every bundle can read) never carry the admin
 * token in clear.
 *
 * <p>The format is {@code {sha-256}SALT-ITERATIONS-HASH}, or {@code {sha-256}SALT-HASH} for one iteration: SALT
 * in hex, HASH the base64 of SHA-256 applied ITERATIONS times to the UTF-8 bytes of SALT followed by the
 * password (see the console's {@code org.apache.felix.webconsole.internal.servlet.Password}). The algorithm
 * name must be lower case: the console compares the re-encoded string as a whole.
 */
final class WebConsolePassword {

    /**
     * One round is enough here: iterated hashing slows down guessing of low-entropy passwords, and the admin token
     * is 256 random bits that no amount of guessing finds. More rounds would only lengthen the node's start.
     */
    static final int ITERATIONS = 1;
    static final int SALT_BYTES = 8;

    private WebConsolePassword() {
    }

    /** Hashes {@code password} with a fresh random salt. */
    static String hash(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, HexFormat.of().formatHex(salt), ITERATIONS);
    }

    static String hash(String password, String hexSalt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] bytes = (hexSalt + password).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < iterations; i++) {
                sha256.reset();
                bytes = sha256.digest(bytes);
            }
            String rounds = iterations > 1 ? iterations + "-" : "";
            return "{sha-256}" + hexSalt + "-" + rounds + Base64.getEncoder().encodeToString(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
