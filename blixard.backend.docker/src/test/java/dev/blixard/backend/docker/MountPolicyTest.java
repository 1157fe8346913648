package dev.blixard.backend.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The mount allow-list compares real paths: links and .. cannot lead out of an allowed directory. */
public class MountPolicyTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void onlyPathsUnderAnAllowedDirectoryPass() throws Exception {
        Path allowed = folder.newFolder("allowed").toPath();
        Path inside = Files.createDirectories(allowed.resolve("sub"));
        Files.createSymbolicLink(allowed.resolve("link-out"), folder.getRoot().toPath());
        Files.createDirectories(folder.getRoot().toPath().resolve("allowed-not"));
        MountPolicy policy = MountPolicy.of(new String[] {allowed + "/", "", folder.getRoot() + "/missing"});
        assertEquals("a missing directory is left out", List.of(allowed.toRealPath()), policy.allowed());

        assertEquals(inside.toRealPath(), policy.check("mounts[0].source", inside.toString()));
        for (String outside : List.of(allowed + "/link-out", allowed + "/sub/../..", folder.getRoot() + "/allowed-not", "/")) {
            assertTrue(refusal(policy, outside), refusal(policy, outside).contains("is outside the directories jobs may mount"));
        }
        assertTrue(refusal(policy, allowed + "/absent").contains("does not exist"));
    }

    @Test
    public void withoutAnAllowListNothingMounts() throws Exception {
        String refusal = refusal(MountPolicy.of(new String[0]), folder.getRoot().toString());
        assertTrue(refusal, refusal.contains("none are allowed on this node"));
    }

    private static String refusal(MountPolicy policy, String source) {
        try {
            policy.check("mounts[0].source", source);
            fail("allowed " + source);
            return "";
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("\"mounts[0].source\": "));
            return e.getMessage();
        }
    }
}
