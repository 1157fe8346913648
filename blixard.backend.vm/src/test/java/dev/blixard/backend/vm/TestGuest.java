package dev.blixard.backend.vm;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test guest (Debian's kernel and a busybox initrd speaking the guest protocol) that
 * {@code scripts/build-vm-guest.sh} builds, found through the {@code blixard.vm.guest} system property the pom sets,
 * and the checks the VM tests share: which QEMU processes of an execution still run.
 */
final class TestGuest {

    static final String PROPERTY = "blixard.vm.guest";

    private TestGuest() {
    }

    /** @return the guest's directory (vmlinux, initrd.img); fails the test, naming the script, when it is missing */
    static Path directory() {
        Path directory = Path.of(System.getProperty(PROPERTY, ""));
        if (!Files.isRegularFile(directory.resolve("vmlinux")) || !Files.isRegularFile(directory.resolve("initrd.img"))) {
            fail("the VM test guest is missing in " + directory.toAbsolutePath() + " (system property " + PROPERTY
                    + "): build it with scripts/build-vm-guest.sh (scripts/install-test-deps.sh runs it)");
        }
        return directory;
    }

    /** @return the pids of live processes whose command line carries {@code marker} (a VM's name has its execution id) */
    static List<Long> processesWith(String marker) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(path -> path.getFileName().toString().matches("[0-9]+"))
                    .filter(path -> commandLine(path).contains(marker) && !zombie(path))
                    .map(path -> Long.parseLong(path.getFileName().toString())).toList();
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A zombie does not run: this container's init may never reap a killed orphan. */
    private static boolean zombie(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true;
        }
    }
}
