package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link Executables#resolve} on real directories: links resolved, the first executable entry wins, files
 * that cannot be run and relative names or entries that depend on the working directory are passed over.
 */
public class ExecutablesTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path first;
    private Path second;

    @Before
    public void twoDirectories() throws IOException {
        first = folder.newFolder("first").toPath().toRealPath();
        second = folder.newFolder("second").toPath().toRealPath();
    }

    @Test
    public void shIsFoundOnAPathAsItsRealFile() throws IOException {
        Path sh = Path.of("/bin/sh").toRealPath(); // /bin/sh is commonly a link, and /bin one to /usr/bin
        assertEquals(Optional.of(sh), Executables.resolve("sh", "/nowhere:/bin:/usr/bin"));
        assertEquals(Optional.of(sh), Executables.resolve("/bin/sh", null));
    }

    @Test
    public void aLinkIsResolvedToTheFileItPointsTo() throws IOException {
        Path target = executable(first.resolve("real-tool"));
        Files.createSymbolicLink(second.resolve("tool"), Path.of("../first/real-tool"));
        assertEquals(Optional.of(target), Executables.resolve("tool", second.toString()));
        assertEquals(Optional.of(target), Executables.resolve(second.resolve("tool").toString(), ""));
    }

    @Test
    public void theFirstEntryWithTheProgramWins() throws IOException {
        Path inFirst = executable(first.resolve("tool"));
        Path inSecond = executable(second.resolve("tool"));
        assertEquals(Optional.of(inFirst), Executables.resolve("tool", first + ":" + second));
        assertEquals(Optional.of(inSecond), Executables.resolve("tool", second + ":" + first));
    }

    @Test
    public void aFileThatCannotBeRunADirectoryAndAMissingNameArePassedOver() throws IOException {
        Path notExecutable = Files.writeString(first.resolve("tool"), "#!/bin/sh\n");
        Files.createDirectory(second.resolve("tool"));
        Path third = folder.newFolder("third").toPath().toRealPath();
        String path = first + ":" + second + ":" + third;
        assertEquals(Optional.empty(), Executables.resolve("tool", path));
        assertEquals(Optional.empty(), Executables.resolve(notExecutable.toString(), path));
        assertEquals(Optional.empty(), Executables.resolve(second.resolve("tool").toString(), path));
        assertEquals(Optional.empty(), Executables.resolve(third.resolve("tool").toString(), path));

        Path fourth = executable(folder.newFolder("fourth").toPath().toRealPath().resolve("tool"));
        assertEquals("found past them", Optional.of(fourth), Executables.resolve("tool", path + ":" + fourth.getParent()));
    }

    @Test
    public void aRelativePathWithASlashIsRefusedEvenWhereItWouldRun() throws IOException {
        Path sh = Path.of("/bin/sh").toRealPath();
        Path relative = Path.of("").toAbsolutePath().relativize(sh); // e.g. ../../../usr/bin/dash
        assertTrue(relative + " runs from the working directory", Files.isExecutable(relative));
        assertEquals(Optional.empty(), Executables.resolve(relative.toString(), "/bin:/usr/bin"));
        assertEquals(Optional.empty(), Executables.resolve("./" + relative, "/bin:/usr/bin"));
    }

    @Test
    public void emptyAndRelativeEntriesArePassedOver() throws IOException {
        Path sh = Path.of("/bin/sh").toRealPath();
        String relativeDirectory = Path.of("").toAbsolutePath().relativize(sh.getParent()).toString();
        String name = sh.getFileName().toString();
        assertTrue(relativeDirectory + " holds " + name, Files.isExecutable(Path.of(relativeDirectory, name)));
        assertEquals(Optional.empty(), Executables.resolve(name, relativeDirectory));
        assertEquals(Optional.empty(), Executables.resolve(name, "::" + relativeDirectory + ":"));
        assertEquals(Optional.empty(), Executables.resolve(name, ""));
        assertEquals(Optional.empty(), Executables.resolve(name, null));
        assertEquals("found past them", Optional.of(sh), Executables.resolve(name, "::" + relativeDirectory + ":" + sh.getParent()));
    }

    @Test
    public void noNameFindsNothing() {
        assertEquals(Optional.empty(), Executables.resolve("", "/bin:/usr/bin"));
        assertEquals(Optional.empty(), Executables.resolve(null, "/bin:/usr/bin"));
        assertEquals(Optional.empty(), Executables.resolve("s\0h", "/bin:/usr/bin"));
        assertEquals(Optional.empty(), Executables.resolve("/bin/s\0h", "/bin:/usr/bin"));
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file.toRealPath();
    }
}
