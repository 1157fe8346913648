package dev.blixard.launcher.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code submit} reads its JSON: the argument itself, {@code --file F}, or standard input when either is
 * {@code -}. Standard input is only read when asked for, so a script without a payload fails instead of hanging.
 */
final class InputText {

    private InputText() {
    }

    /**
     * @param argument the positional argument, if any
     * @param file     the value of {@code --file}, if any
     * @param what     what the text is, for the messages ("payload", "batch")
     */
    static String read(Optional<String> argument, Optional<String> file, InputStream stdin, String what)
            throws ClientException {
        if (argument.isPresent() && file.isPresent()) {
            throw new ClientUsageException("give the " + what + " as an argument or with --file, not both");
        }
        if (argument.isEmpty() && file.isEmpty()) {
            throw new ClientUsageException("no " + what + ": give it as an argument, with --file F, or '-' for stdin");
        }
        if (argument.isPresent() && !argument.get().equals("-")) {
            return argument.get();
        }
        if (argument.isPresent() || file.get().equals("-")) {
            try {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ClientException(ExitCode.FAILURE, "cannot read the " + what + " from stdin: " + e.getMessage());
            }
        }
        Path path = Path.of(file.get());
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ClientException(ExitCode.FAILURE, "cannot read the " + what + ": no file " + path);
        } catch (IOException e) {
            throw new ClientException(ExitCode.FAILURE, "cannot read the " + what + " from " + path + ": " + e.getMessage());
        }
    }
}
