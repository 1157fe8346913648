package dev.blixard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The node's admin secret: 32 random bytes, URL-safe base64, kept in {@code DIR/admin.token} and readable by
 * the owner only. It is the Web Console password of user {@code admin}.
 *
 * <p>The file is written to a temporary file that is created with mode 600 (never a moment with wider
 * permissions, whatever the umask) and then renamed into place, so a crash never leaves a half-written token.
 */
final class AdminToken {

    static final int RANDOM_BYTES = 32;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Pattern TOKEN_SYNTAX = Pattern.compile("[A-Za-z0-9_-]{16,}");

    private final String value;
    private final Path file;
    private final boolean created;

    private AdminToken(String value, Path file, boolean created) {
        this.value = value;
        this.file = file;
        this.created = created;
    }

    /**
     * Reads the token from {@code file}, or creates the file with a new random token when it does not exist.
     *
     * @throws StartupException when the file exists but holds no usable token, or cannot be read or written
     */
    static AdminToken loadOrCreate(Path file, SecureRandom random) throws StartupException {
        try {
            if (Files.exists(file)) {
                return new AdminToken(read(file), file, false);
            }
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            write(file, token);
            return new AdminToken(token, file, true);
        } catch (IOException e) {
            throw new StartupException("cannot use admin token file " + file + ": " + e.getMessage());
        }
    }

    private static String read(Path file) throws IOException, StartupException {
        String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!TOKEN_SYNTAX.matcher(token).matches()) {
            throw new StartupException("admin token file " + file + " does not hold a token; "
                    + "delete it to have a new one generated");
        }
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            // Someone widened it; a secret must not stay readable by others.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return token;
    }

    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        FileAttribute<?>[] ownerOnly = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, ".admin.token", ".tmp", ownerOnly);
        try {
            Files.writeString(temp, token + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    String value() {
        return value;
    }

    Path file() {
        return file;
    }

    /** Whether this start generated the token (the first start of the data directory). */
    boolean created() {
        return created;
    }

    @Override
    public String toString() {
        return "AdminToken[" + file + "]"; // never the secret itself
    }
}
