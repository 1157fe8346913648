package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FrameworkPropertiesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theAdminTokenGoesInAsItsSha256Only() throws Exception {
        String token = "abc";
        Path root = temp.getRoot().toPath().resolve("data");
        Map<String, Object> properties = FrameworkProperties.of(DataDirectory.prepare(root),
                new RunOptions(root, 7070, "127.0.0.1", Optional.empty()), "n1", "0.1.0", false, "{sha-256}hashed",
                token, new NodeLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

        // FIPS 180-2's test vector: the hash blixard.core computes of a bearer secret.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                properties.get(FrameworkProperties.ADMIN_TOKEN_SHA256));
        assertFalse("no property carries the token itself", properties.containsValue(token));
    }
}
