package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EmbeddedBundlesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void listsAndOpensTheBundlesUnderBundles() throws Exception {
        Path jar = launcherJar(Map.of("bundles/b.jar", "B", "bundles/a.jar", "A", "bundles/notes.txt", "x",
                "dev/blixard/launcher/Main.class", "x"));
        try (EmbeddedBundles bundles = EmbeddedBundles.open(jar)) {
            assertEquals(List.of("a.jar", "b.jar"), bundles.fileNames());
            assertEquals("blixard:runtime/a.jar", EmbeddedBundles.location("a.jar"));
            try (InputStream in = bundles.open("b.jar")) {
                assertEquals("B", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    public void theDigestFollowsTheContent() throws Exception {
        String one = digest(Map.of("bundles/a.jar", "A1", "bundles/b.jar", "B"));
        assertEquals(one, digest(Map.of("bundles/b.jar", "B", "bundles/a.jar", "A1")));
        assertNotEquals(one, digest(Map.of("bundles/a.jar", "A2", "bundles/b.jar", "B")));
        assertNotEquals(one, digest(Map.of("bundles/a.jar", "A1")));
        assertNotEquals(one, digest(Map.of("bundles/a.jar", "A1", "bundles/c.jar", "B")));
    }

    @Test
    public void aJarWithoutBundlesIsBroken() throws Exception {
        Path jar = launcherJar(Map.of("dev/blixard/launcher/Main.class", "x"));
        try {
            EmbeddedBundles.open(jar).close();
            fail("opened a jar without bundles");
        } catch (StartupException expected) {
            // reported as a broken launcher jar
        }
    }

    private String digest(Map<String, String> entries) throws IOException, StartupException {
        try (EmbeddedBundles bundles = EmbeddedBundles.open(launcherJar(entries))) {
            return bundles.digest();
        }
    }

    private Path launcherJar(Map<String, String> entries) throws IOException {
        Path jar = temp.newFile().toPath();
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
