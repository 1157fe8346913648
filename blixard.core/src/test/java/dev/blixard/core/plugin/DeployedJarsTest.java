package dev.blixard.core.plugin;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DeployedJarsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aBundleIsFine() throws Exception {
        assertEquals(Optional.empty(), DeployedJars.whyNotABundle(jar(temp.newFile().toPath(), "test.bundle")));
    }

    @Test
    public void randomBytesAreNotAJar() throws Exception {
        Path file = temp.newFile("x.jar").toPath();
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(DeployedJars.whyNotABundle(file).orElseThrow(), startsWith("it is not a valid jar file"));
    }

    @Test
    public void aPlainJarIsNotABundle() throws Exception {
        assertThat(DeployedJars.whyNotABundle(jar(temp.newFile().toPath(), null)).orElseThrow(),
                startsWith("its manifest has no Bundle-SymbolicName"));
    }

    @Test
    public void reportsSettledJarsNoBundleCameFromAndNamesTheReason() throws Exception {
        Path deploy = temp.newFolder("deploy").toPath();
        Path installed = settled(jar(deploy.resolve("installed.jar"), "installed.bundle"));
        Path plain = settled(jar(deploy.resolve("plain.jar"), null));
        Path refused = settled(jar(deploy.resolve("refused.jar"), "refused.bundle"));
        Path copying = jar(deploy.resolve("copying.jar"), null);
        // Changed a second ago: still being copied, FileInstall has not looked at it yet.
        Files.setLastModifiedTime(copying, FileTime.from(NOW.minusSeconds(1)));
        Files.writeString(deploy.resolve("notes.txt"), "not a jar at all: FileInstall ignores it, and so do we");

        List<DeployedJars.Problem> problems = new DeployedJars(deploy)
                .notInstalled(Set.of(installed.toUri().toString(), "reference:file:/elsewhere/x.jar"), NOW);

        assertEquals(2, problems.size());
        DeployedJars.Problem first = problems.stream().filter(p -> p.fileName().equals(plain.getFileName().toString()))
                .findFirst().orElseThrow();
        assertThat(first.reason(), containsString("no Bundle-SymbolicName"));
        DeployedJars.Problem second = problems.stream()
                .filter(p -> p.fileName().equals(refused.getFileName().toString())).findFirst().orElseThrow();
        assertThat(second.reason(), containsString("the framework refused it"));
    }

    @Test
    public void aMissingDeployDirectoryHasNoProblems() {
        assertEquals(List.of(), new DeployedJars(temp.getRoot().toPath().resolve("absent")).notInstalled(Set.of(), NOW));
    }

    private static Path settled(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(DeployedJars.SETTLE).minusSeconds(1)));
        return file;
    }

    private static Path jar(Path file, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }
}
