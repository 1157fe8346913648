package dev.blixard.backend.local;

import dev.blixard.backend.local.os.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sandbox} isolation profile with bubblewrap, as far as this machine allows it, found out once when
 * the backend starts by running a real sandbox (a kernel without unprivileged user namespaces, or a container
 * that forbids them, fails there rather than in a job).
 *
 * <p>A node running as root first drops to the unprivileged {@code sandbox uid} with {@code setpriv}, because
 * bubblewrap maps the caller's own uid into the sandbox: the job would otherwise still own root's files on
 * the host. Inside: every namespace new (no network, its own PIDs), the system read-only, private
 * {@code /tmp}, the node's data, {@code /root} and {@code /home} hidden, only the work directory writable,
 * no capabilities, and the job dies with its sandbox.
 */
final class Sandbox {

    private final Optional<Path> bwrap;
    private final Optional<Path> setpriv;
    private final int uid;
    private final List<Path> hidden;
    private final String unavailableReason;

    private Sandbox(Optional<Path> bwrap, Optional<Path> setpriv, int uid, List<Path> hidden, String unavailableReason) {
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.uid = uid;
        this.hidden = hidden;
        this.unavailableReason = unavailableReason;
    }

    /**
     * Finds bubblewrap (and setpriv when running as root) and tries them once.
     *
     * @param hidden directories to hide from jobs (the node's data, the work root); those that do not exist are skipped
     */
    static Sandbox probe(String searchPath, int uid, boolean runningAsRoot, List<Path> hidden, Path scratch) {
        List<Path> existing = new ArrayList<>();
        for (Path path : hidden) {
            if (Files.isDirectory(path)) {
                existing.add(path.toAbsolutePath().normalize());
            }
        }
        for (String privateHome : List.of("/root", "/home")) {
            if (Files.isDirectory(Path.of(privateHome))) {
                existing.add(Path.of(privateHome));
            }
        }
        Optional<Path> bwrap = Executables.resolve("bwrap", searchPath);
        Optional<Path> setpriv = runningAsRoot ? Executables.resolve("setpriv", searchPath) : Optional.empty();
        if (bwrap.isEmpty()) {
            return new Sandbox(bwrap, setpriv, uid, existing, "bubblewrap (bwrap) is not installed: apt-get install bubblewrap");
        }
        if (runningAsRoot && setpriv.isEmpty()) {
            return new Sandbox(bwrap, setpriv, uid, existing, "the node runs as root but setpriv (util-linux) is missing, "
                    + "so sandboxed jobs could not drop to an unprivileged uid");
        }
        Sandbox candidate = new Sandbox(bwrap, setpriv, uid, existing, null);
        String failure = candidate.tryOnce(scratch);
        return failure == null ? candidate : new Sandbox(bwrap, setpriv, uid, existing, failure);
    }

    private String tryOnce(Path scratch) {
        List<String> argv = new ArrayList<>(prefix(scratch, scratch));
        argv.add("/bin/true");
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "a trial sandbox did not finish within 10 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() == 0) {
                return null;
            }
            String hint = output.contains("Permission denied") && separateUid()
                    ? " (every directory above the work root must be searchable by uid " + uid + ")" : "";
            return "a trial sandbox failed (exit " + process.exitValue() + "): " + output + hint;
        } catch (IOException e) {
            return "a trial sandbox could not start: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying the sandbox";
        }
    }

    boolean available() {
        return unavailableReason == null;
    }

    /** Why sandboxed jobs cannot run here, or empty. */
    Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /** Whether jobs get their own uid (the node runs as root) or share the node's (inside a user namespace). */
    boolean separateUid() {
        return setpriv.isPresent();
    }

    int uid() {
        return uid;
    }

    /** The argv that runs what follows it inside the sandbox, with {@code workDir} writable and {@code cwd} current. */
    List<String> prefix(Path workDir, Path cwd) {
        List<String> argv = new ArrayList<>();
        setpriv.ifPresent(path -> argv.addAll(List.of(path.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--")));
        argv.add(bwrap.orElseThrow().toString());
        argv.addAll(List.of("--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        for (Path path : hidden) {
            argv.addAll(List.of("--tmpfs", path.toString()));
        }
        argv.addAll(List.of("--bind", workDir.toString(), workDir.toString(), "--chdir", cwd.toString(),
                "--uid", Integer.toString(uid), "--gid", Integer.toString(uid), "--"));
        return argv;
    }
}
