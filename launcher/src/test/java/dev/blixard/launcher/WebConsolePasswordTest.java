package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.Test;

/** Checks the hashes against the Web Console's own password check (its jar is on the test class path). */
public class WebConsolePasswordTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    public void theWebConsoleAcceptsTheTokenAndNothingElse() throws Exception {
        String token = "q3Jx7mWb0fJ2cU8yV6rT1sZ9kL4nH5dA_gP-eXoRiYw";
        String hash = WebConsolePassword.hash(token, random);

        assertFalse("never the token in clear", hash.contains(token));
        assertTrue(consoleAccepts(hash, token));
        assertFalse(consoleAccepts(hash, "admin"));
        assertFalse(consoleAccepts(hash, token.substring(1)));
    }

    @Test
    public void iteratedHashesAreUnderstoodToo() throws Exception {
        String hash = WebConsolePassword.hash("secret", "0011223344556677", 1000);
        assertTrue(hash.startsWith("{sha-256}0011223344556677-1000-"));
        assertTrue(consoleAccepts(hash, "secret"));
        assertFalse(consoleAccepts(hash, "Secret"));
    }

    @Test
    public void eachHashHasItsOwnSalt() {
        assertNotEquals(WebConsolePassword.hash("x", random), WebConsolePassword.hash("x", random));
        assertEquals(WebConsolePassword.hash("x", "00", 1), WebConsolePassword.hash("x", "00", 1));
    }

    private static boolean consoleAccepts(String configuredPassword, String typed) throws Exception {
        Class<?> password = Class.forName("org.apache.felix.webconsole.internal.servlet.Password");
        Constructor<?> constructor = password.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        Method matches = password.getDeclaredMethod("matches", byte[].class);
        matches.setAccessible(true);
        return (Boolean) matches.invoke(constructor.newInstance(configuredPassword), (Object) typed.getBytes(StandardCharsets.UTF_8));
    }
}
