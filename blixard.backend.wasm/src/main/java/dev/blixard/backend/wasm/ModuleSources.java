package dev.blixard.backend.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where jobs' modules come from: the payload's binary, a file under the module directory, or text assembled
 * with wabt's {@code wat2wasm}. wasmtime could compile the text itself, but the backend needs the binary: its
 * facts (the entry point's types) and its instrumentation are read from and written to the binary format.
 *
 * <p>A module path must stay inside the module directory, also through symbolic links: real paths are compared.
 */
final class ModuleSources {

    private static final Duration ASSEMBLE_TIMEOUT = Duration.ofSeconds(30);

    private final Optional<Path> moduleDirectory;
    private final Optional<Path> wat2wasm;
    private final int maxBytes;
    private final ScheduledExecutorService timers;

    /**
     * @param moduleDirectory the module directory's real path, or empty when this node has none
     * @param wat2wasm the assembler's executable, or empty when this node has none
     * @param timers where a stuck assembler is killed from
     */
    ModuleSources(Optional<Path> moduleDirectory, Optional<Path> wat2wasm, int maxBytes, ScheduledExecutorService timers) {
        this.moduleDirectory = moduleDirectory;
        this.wat2wasm = wat2wasm;
        this.maxBytes = maxBytes;
        this.timers = timers;
    }

    Optional<Path> moduleDirectory() {
        return moduleDirectory;
    }

    Optional<Path> wat2wasm() {
        return wat2wasm;
    }

    /**
     * Checks where a job's module is before anything runs.
     *
     * @throws IllegalArgumentException when the job's module cannot be had on this node, saying why
     */
    Located locate(WasmPayload.Source source) {
        if (source instanceof WasmPayload.Binary binary) {
            if (binary.bytes().length > maxBytes) {
                throw new IllegalArgumentException(tooLarge(binary.bytes().length));
            }
            return new Located("module.wasm", null, binary.bytes(), null);
        }
        if (source instanceof WasmPayload.Text text) {
            if (wat2wasm.isEmpty()) {
                throw new IllegalArgumentException("this node cannot assemble the text format (\"wat\"): wat2wasm is not "
                        + "installed; give the module as \"module_base64\" or \"module\"");
            }
            return new Located("module.wat", null, null, text.wat());
        }
        return new Located(((WasmPayload.File) source).path(), inModuleDirectory(((WasmPayload.File) source).path()), null, null);
    }

    private Path inModuleDirectory(String path) {
        Path root = moduleDirectory.orElseThrow(() -> new IllegalArgumentException(
                "this node has no module directory; give the module as \"module_base64\" or \"wat\""));
        Path candidate = root.resolve(path).normalize();
        if (!candidate.startsWith(root)) {
            throw new IllegalArgumentException("\"module\": " + path + " leads outside the module directory");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("\"module\": there is no " + path + " in the module directory " + root);
        } catch (IOException e) {
            throw new IllegalArgumentException("\"module\": " + path + " cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException("\"module\": " + path + " leads outside the module directory through a "
                    + "symbolic link (to " + real + ")");
        }
        if (!Files.isRegularFile(real)) {
            throw new IllegalArgumentException("\"module\": " + path + " is not a file");
        }
        return real;
    }

    private String tooLarge(long bytes) {
        return "the module has " + bytes + " bytes, more than this node's limit of " + maxBytes;
    }

    /**
     * A job's module, found; its binary is read (or assembled) only when it is needed, on the executing thread,
     * and only once.
     */
    final class Located {
        private final String name;
        private final Path file;
        private final String text;
        private byte[] binary;
        private String key;

        private Located(String name, Path file, byte[] binary, String text) {
            this.name = name;
            this.file = file;
            this.binary = binary;
            this.text = text;
        }

        /** @return the name the module runs under ({@code argv[0]}) */
        String name() {
            return name;
        }

        /**
         * @return the cache key: the SHA-256 of the binary, or of the text for the text format (which is
         *         assembled only on a miss)
         * @throws InvalidModuleException when a module file cannot be read
         */
        String key() {
            if (key == null) {
                key = text != null ? "wat-sha256:" + sha256(text.getBytes(StandardCharsets.UTF_8)) : "sha256:" + sha256(binary());
            }
            return key;
        }

        /** @throws InvalidModuleException when the module cannot be read or assembled */
        byte[] binary() {
            if (binary == null) {
                binary = file != null ? read(file) : assemble(text);
            }
            return binary;
        }
    }

    private byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidModuleException(tooLarge(size));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidModuleException("the module file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Assembles text with {@code wat2wasm}, reading the text from its stdin and the binary from its stdout, so
     * nothing is written to disk. Its messages go to the same pipe: on success it writes none, on failure the
     * pipe holds them instead of a binary.
     */
    private byte[] assemble(String text) {
        Path command = wat2wasm.orElseThrow();
        Process process;
        try {
            process = new ProcessBuilder(command.toString(), "-", "-o", "/dev/stdout").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("wat2wasm (" + command + ") cannot start", e);
        }
        ScheduledFuture<?> watchdog = timers.schedule(process::destroyForcibly, ASSEMBLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try (OutputStream in = process.getOutputStream(); InputStream out = process.getInputStream()) {
            try {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It stopped reading early, on an error it now reports on its output.
            }
            in.close();
            byte[] output = out.readNBytes(maxBytes + 1);
            int exit = process.waitFor();
            if (exit != 0) {
                String message = new String(output, 0, Math.min(output.length, 4096), StandardCharsets.UTF_8).strip();
                throw new InvalidModuleException("the text format does not assemble: " + message.replace("-:", "line "));
            }
            if (output.length > maxBytes) {
                throw new InvalidModuleException(tooLarge(output.length));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("wat2wasm (" + command + ") failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while assembling the module");
        } finally {
            watchdog.cancel(false);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Finds an executable by name on the PATH, or checks a path. */
    static Optional<Path> findExecutable(String command) {
        if (command.isBlank()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        for (String directory : searchPath.split(":")) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
