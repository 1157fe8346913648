package dev.blixard.backend.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The running VMs' directories, one per execution under a root only this backend uses (mode 700): the job's
 * initrd or config disk, the serial sockets, the VMM's API socket and log, and {@code vmm.pid}. The pid file says
 * which process was the VMM and when it started, so that after a crash of the node the next activation kills only
 * a process that is verifiably that VMM (same pid, same start time, and its command line names the directory),
 * never a stranger that reused the pid, and then removes the directory.
 */
final class RuntimeDirectory {

    /** Unix socket paths are at most 107 bytes; a VM directory's sockets add this much to the root's path. */
    static final int SOCKET_SUFFIX = "/12345678/stdout".length();
    static final int MAX_SOCKET_PATH = 107;
    static final String PID_FILE = "vmm.pid";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@link #open} found left behind. */
    record Leftovers(int directories, List<Long> killed) {
    }

    private final Path root;
    private Leftovers leftovers = new Leftovers(0, List.of());

    private RuntimeDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the root if needed, kills the VMMs an earlier run of the node left behind and removes their
     * directories.
     *
     * @throws IOException when the root cannot be made or its path is too long for the VMs' sockets
     */
    static RuntimeDirectory open(Path root) throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        RuntimeDirectory directory = new RuntimeDirectory(root.toRealPath());
        if (directory.root.toString().length() + SOCKET_SUFFIX > MAX_SOCKET_PATH) {
            throw new IOException("the vm backend's runtime directory " + directory.root + " is too long for Unix socket "
                    + "paths (at most " + (MAX_SOCKET_PATH - SOCKET_SUFFIX) + " characters): set runtime.dir to a shorter path");
        }
        directory.leftovers = directory.cleanLeftovers();
        return directory;
    }

    /** @return what the activation found left behind by an earlier run and cleaned */
    Leftovers leftovers() {
        return leftovers;
    }

    /** @return whether VM directories under {@code root} would fit the socket path limit */
    static boolean fits(Path root) {
        return root.toAbsolutePath().toString().length() + SOCKET_SUFFIX <= MAX_SOCKET_PATH;
    }

    Path root() {
        return root;
    }

    /** @return a new, empty directory for one VM, private to the node's user */
    Path create() throws IOException {
        while (true) {
            try {
                return Files.createDirectory(root.resolve(HexFormat.of().toHexDigits(RANDOM.nextInt())),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException taken) {
                // A name another VM has: draw again.
            }
        }
    }

    /** Records the VMM of a directory, for the clean-up after a crash. */
    static void recordVmm(Path directory, long pid) throws IOException {
        String line = pid + " " + startTime(pid).orElse(-1L) + "\n";
        Path temporary = directory.resolve(PID_FILE + ".tmp");
        Files.writeString(temporary, line, StandardCharsets.US_ASCII);
        Files.move(temporary, directory.resolve(PID_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes a VM's directory with everything in it; never follows links out of it. */
    void remove(Path directory) {
        if (!directory.startsWith(root) || directory.equals(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException gone) {
            // Already removed.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the VM directory " + directory, e);
        }
    }

    /** @return the directories left under the root (those of running VMs, or leftovers) */
    List<Path> directories() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    private Leftovers cleanLeftovers() throws IOException {
        List<Path> leftovers = directories();
        List<Long> killed = new java.util.ArrayList<>();
        for (Path leftover : leftovers) {
            ourVmm(leftover).ifPresent(vmm -> {
                vmm.destroyForcibly();
                vmm.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(timeout -> vmm).join();
                killed.add(vmm.pid());
            });
            remove(leftover);
        }
        return new Leftovers(leftovers.size(), List.copyOf(killed));
    }

    /**
     * @return the VMM process a leftover directory's pid file names, if that process still runs, started when the
     *         file says, and names the directory on its command line
     */
    static Optional<ProcessHandle> ourVmm(Path directory) {
        try {
            String[] recorded = Files.readString(directory.resolve(PID_FILE), StandardCharsets.US_ASCII).trim().split(" ");
            long pid = Long.parseLong(recorded[0]);
            long started = Long.parseLong(recorded[1]);
            if (startTime(pid).orElse(-2L) != started) {
                return Optional.empty();
            }
            String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return commandLine.contains(directory.toString()) ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the process's start time in clock ticks since boot (field 22 of /proc/PID/stat) */
    static Optional<Long> startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[19]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
