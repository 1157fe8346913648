package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DeployDirectoryAuditorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aBundleIsFine() throws Exception {
        assertEquals(Optional.empty(), DeployDirectoryAuditor.whyNotABundle(jar("test.bundle")));
    }

    @Test
    public void randomBytesAreNotAJar() throws Exception {
        Path file = temp.newFile("x.jar").toPath();
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(DeployDirectoryAuditor.whyNotABundle(file).orElseThrow(), startsWith("it is not a valid jar file"));
    }

    @Test
    public void aPlainJarIsNotABundle() throws Exception {
        assertThat(DeployDirectoryAuditor.whyNotABundle(jar(null)).orElseThrow(),
                startsWith("its manifest has no Bundle-SymbolicName"));
    }

    private Path jar(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path file = temp.newFile().toPath();
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }
}
