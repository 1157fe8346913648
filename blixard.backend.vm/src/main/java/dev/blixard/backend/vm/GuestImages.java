package dev.blixard.backend.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The image directory: where a job's kernel, initrd and rootfs names are found. A name is a path relative to the
 * directory; one that is absolute, climbs out with {@code ..}, or leads out through a symbolic link is refused,
 * so a job can only boot what the node's operator put there.
 */
final class GuestImages {

    private final Optional<Path> directory;

    /** @param directory the image directory, or empty when the node has none (every job is then refused) */
    GuestImages(Optional<Path> directory) {
        this.directory = directory;
    }

    /** The configured directory, or DATA_DIR/vm/images in a node, created when missing, as a real path. */
    static GuestImages open(String configured, Optional<Path> dataDirectory) throws IOException {
        Optional<Path> directory = configured.isBlank()
                ? dataDirectory.map(dir -> dir.resolve("vm").resolve("images"))
                : Optional.of(Path.of(configured));
        if (directory.isPresent()) {
            Files.createDirectories(directory.get());
            return new GuestImages(Optional.of(directory.get().toRealPath()));
        }
        return new GuestImages(Optional.empty());
    }

    Optional<Path> directory() {
        return directory;
    }

    /**
     * @param field the payload field that named it, for the message
     * @return the image file's real path, inside the directory
     * @throws IllegalArgumentException naming the field when the name is refused or there is no such file
     */
    Path resolve(String field, String name) {
        Path root = directory.orElseThrow(() -> new IllegalArgumentException("\"" + field
                + "\": this node has no image directory (set image.dir of blixard.backend.vm)"));
        Path relative;
        try {
            relative = Path.of(name).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + field + "\": \"" + name + "\" is not a file name");
        }
        if (relative.isAbsolute() || relative.startsWith("..") || relative.toString().isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\": \"" + name
                    + "\" must be a name inside the image directory (relative, without ..)");
        }
        Path real;
        try {
            real = root.resolve(relative).toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("\"" + field + "\": the image directory has no \"" + name + "\"");
        } catch (IOException e) {
            throw new IllegalArgumentException("\"" + field + "\": \"" + name + "\" cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException("\"" + field + "\": \"" + name + "\" leads outside the image directory");
        }
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw new IllegalArgumentException("\"" + field + "\": \"" + name + "\" is not a readable file");
        }
        return real;
    }
}
