package dev.blixard.backend.local.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the program a command name stands for, the way {@code execvp} would, but stricter: for the
 * command allow-list (which compares real paths) and to find helpers such as {@code bwrap},
 * {@code prlimit} and {@code setsid}.
 */
public final class Executables {

    private Executables() {
    }

    /**
     * A {@code command} containing "/" must be an absolute path to an executable regular file; a relative
     * one (such as {@code bin/tool}) is refused, as it would depend on the node's working directory.
     * Otherwise the entries of {@code pathVariable} are searched in order. Empty and relative entries are
     * skipped for the same reason, although a shell would search the working directory for them.
     *
     * @param command      a program name or absolute path ({@code argv[0]})
     * @param pathVariable a {@code PATH}-style list separated by ":", may be null
     * @return the real path (symbolic links resolved) of the first regular file the node may execute;
     *         empty when there is none
     */
    public static Optional<Path> resolve(String command, String pathVariable) {
        if (command == null || command.isEmpty()) {
            return Optional.empty();
        }
        if (command.indexOf('/') >= 0) {
            return command.startsWith("/") ? executable(command) : Optional.empty();
        }
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String directory : pathVariable.split(":")) {
            if (directory.startsWith("/")) {
                Optional<Path> found = executable(directory + "/" + command);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(String candidate) {
        try {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return Optional.of(path.toRealPath());
            }
        } catch (InvalidPathException | IOException e) {
            // A name with a NUL byte, or a file that went away between the checks: not this one.
        }
        return Optional.empty();
    }
}
