package dev.blixard.backend.vm.driver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds a VMM binary (a path as it is, a bare name on the node's PATH) and asks it for its version. */
public final class Executables {

    private Executables() {
    }

    /** @return the executable file {@code nameOrPath} names, or empty when there is none */
    public static Optional<Path> find(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            return Optional.empty();
        }
        if (nameOrPath.contains("/")) {
            Path path = Path.of(nameOrPath);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        for (String directory : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, nameOrPath);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return the first line {@code binary --version} prints, or {@code what} with why it is unknown */
    static String version(Path binary, String what) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            // A binary that does not answer in time (not the VMM it claims to be) holds up nothing.
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return what + " (version unknown: no answer to --version)";
            }
            byte[] output = process.getInputStream().readNBytes(4096);
            return new String(output, StandardCharsets.UTF_8).lines().findFirst().map(String::strip)
                    .filter(line -> !line.isEmpty()).orElse(what + " (version unknown)");
        } catch (IOException e) {
            return what + " (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return what + " (version unknown)";
        }
    }
}
