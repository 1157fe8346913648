package dev.blixard.backend.vm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job as the guest receives it, and the markers the guest answers with: the guest protocol that
 * {@code scripts/build-vm-guest.sh}'s init speaks. The job travels as a newc archive with {@code /blixard/nonce}
 * (a random word of this job's), {@code /blixard/run} (a shell script: the environment, then the command) and,
 * when the VMM gives the job serial ports of its own, {@code /blixard/ports}. init reads and deletes the nonce
 * before the command runs, then prints {@code BLIXARD <nonce> started} and {@code BLIXARD <nonce> exit <code>} on
 * the console. The job's output cannot forge them: it does not know the nonce, and it writes to ports of its own.
 */
final class GuestJob {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String nonce;
    private final byte[] archive;
    private final Pattern markers;

    private GuestJob(String nonce, byte[] archive) {
        this.nonce = nonce;
        this.archive = archive;
        this.markers = Pattern.compile("BLIXARD " + nonce + " (started|exit (\\d{1,3}))");
    }

    /** @return the job's random word */
    String nonce() {
        return nonce;
    }

    /** @return the job's newc archive */
    byte[] archive() {
        return archive.clone();
    }

    /**
     * @param separatePorts whether the job's stdout and stderr get serial ports of their own (ttyS1, ttyS2)
     */
    static GuestJob of(List<String> argv, Map<String, String> environment, boolean separatePorts) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        CpioWriter archive = new CpioWriter().directory("blixard", 0700)
                .file("blixard/nonce", 0600, nonce + "\n")
                .file("blixard/run", 0700, script(argv, environment));
        if (separatePorts) {
            archive.file("blixard/ports", 0600, "ttyS1 ttyS2\n");
        }
        return new GuestJob(nonce, archive.finish());
    }

    /** The environment as exports, then the command by exec, every word single-quoted for the guest's sh. */
    static String script(List<String> argv, Map<String, String> environment) {
        StringBuilder script = new StringBuilder();
        environment.forEach((name, value) -> script.append("export ").append(name).append('=').append(quoted(value)).append('\n'));
        script.append("exec");
        argv.forEach(word -> script.append(' ').append(quoted(word)));
        return script.append('\n').toString();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Writes the guest's initrd for this job: the base initrd, zeros up to a four-byte boundary (Linux looks for the
     * next archive there after a compressed one), then the job's archive.
     */
    void writeInitrd(Path base, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = Files.copy(base, out);
            out.write(new byte[(int) ((4 - size % 4) % 4)]);
            out.write(archive);
        }
    }

    /** Writes a config disk for a guest booting from a rootfs: the archive, padded to whole 512-byte sectors. */
    void writeConfigDisk(Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(archive);
            out.write(new byte[(512 - archive.length % 512) % 512]);
        }
    }

    /** What a console line says about this job, if anything. */
    sealed interface Marker permits Started, Exited {
    }

    /** init is about to run the command. */
    record Started() implements Marker {
    }

    /** The command ended with this exit code. */
    record Exited(int code) implements Marker {
    }

    /** @return the marker of this job's in a console line (the kernel may have printed around it) */
    Optional<Marker> marker(String line) {
        Matcher matcher = markers.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(2) == null ? new Started() : new Exited(Integer.parseInt(matcher.group(2))));
    }
}
