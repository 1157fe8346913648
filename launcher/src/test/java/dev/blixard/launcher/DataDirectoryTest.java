package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DataDirectoryTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void createsTheLayout() throws Exception {
        Path root = temp.getRoot().toPath().resolve("a/b/data");
        DataDirectory dir = DataDirectory.prepare(root);

        assertEquals(root, dir.root());
        for (Path sub : List.of(dir.deployDir(), dir.etcDir(), dir.cacheDir(), dir.configDir(), dir.logsDir())) {
            assertTrue(sub + " exists", Files.isDirectory(sub));
            assertEquals(root, sub.getParent());
        }
        try (var files = Files.list(root)) {
            assertEquals("only the five directories, no write-check leftovers", 5, files.count());
        }
    }

    @Test
    public void relativePathsBecomeAbsolute() throws Exception {
        DataDirectory dir = DataDirectory.prepare(temp.getRoot().toPath().resolve("x/../y"));
        assertEquals(temp.getRoot().toPath().resolve("y"), dir.root());
        assertTrue(dir.root().isAbsolute());
    }

    @Test
    public void aFileIsNotADataDirectory() throws Exception {
        Path file = temp.newFile("data").toPath();
        assertRefused(file, "data dir " + file + " is not usable: " + file + " is not a directory");
    }

    @Test
    public void aPathBelowAFileCannotBeCreated() throws Exception {
        // Unwritable even for root, unlike permission bits.
        Path below = temp.newFile("file").toPath().resolve("data");
        assertRefused(below, "data dir " + below + " is not usable: ");
    }

    @Test
    public void aCommaInThePathIsRefused() throws Exception {
        Path withComma = temp.getRoot().toPath().resolve("a,b");
        assertRefused(withComma, "data dir " + withComma + " contains a ','");
    }

    private static void assertRefused(Path path, String messageStart) {
        try {
            DataDirectory.prepare(path);
            fail("accepted " + path);
        } catch (StartupException e) {
            assertThat(e.getMessage(), startsWith(messageStart));
            assertThat(e.getMessage(), containsString(path.toString()));
        }
    }
}
