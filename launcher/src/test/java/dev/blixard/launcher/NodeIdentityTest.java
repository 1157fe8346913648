package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class NodeIdentityTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final SecureRandom random = new SecureRandom();

    @Test
    public void aGeneratedIdIsKeptForLaterStarts() throws Exception {
        Path file = temp.getRoot().toPath().resolve("node.id");
        String id = NodeIdentity.resolve(file, Optional.empty(), random);

        assertTrue(id, id.matches("node-[0-9a-f]{12}"));
        assertEquals(id + "\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(id, NodeIdentity.resolve(file, Optional.empty(), random));
        assertEquals(id, NodeIdentity.resolve(file, Optional.of(id), random));
    }

    @Test
    public void theRequestedIdIsUsedOnTheFirstStart() throws Exception {
        Path file = temp.getRoot().toPath().resolve("node.id");
        assertEquals("n1", NodeIdentity.resolve(file, Optional.of("n1"), random));
        assertEquals("n1", NodeIdentity.resolve(file, Optional.empty(), random));
    }

    @Test
    public void anotherIdForAnExistingDirectoryIsRefused() throws Exception {
        Path file = temp.getRoot().toPath().resolve("node.id");
        NodeIdentity.resolve(file, Optional.of("n1"), random);
        try {
            NodeIdentity.resolve(file, Optional.of("n2"), random);
            fail("the node id changed");
        } catch (StartupException e) {
            assertEquals("data dir belongs to node 'n1' (" + file + "), not to --node-id 'n2'", e.getMessage());
        }
    }
}
