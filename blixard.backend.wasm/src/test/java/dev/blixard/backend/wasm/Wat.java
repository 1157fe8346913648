package dev.blixard.backend.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers around the text format and the tests' own temp folder. */
final class Wat {

    private Wat() {
    }

    /** The module binary of {@code text}, assembled by wabt's wat2wasm as the backend does. */
    static byte[] assemble(String text) throws IOException, InterruptedException {
        return assemble(text, false);
    }

    /** @param unchecked whether to skip validation, for a binary the engine will refuse */
    static byte[] assemble(String text, boolean unchecked) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wat2wasm", "-", "-o", "/dev/stdout"));
        if (unchecked) {
            command.add("--no-check");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] binary;
        try (InputStream out = process.getInputStream()) {
            binary = out.readAllBytes();
        }
        if (process.waitFor() != 0) {
            throw new IOException("wat2wasm failed: " + new String(binary, StandardCharsets.UTF_8));
        }
        return binary;
    }

    /**
     * The build points {@code java.io.tmpdir} at a folder of its own (pom.xml), so that a test can tell whether
     * the backend or the engine leaves files there without other processes' files in the way; it may not exist yet.
     */
    static void createTempFolder() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
