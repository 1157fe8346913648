package dev.blixard.examples.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes a CSV file so that readers see either the old file or the complete new one, never a part: the
 * rows go to a hidden temporary file in the target's directory, are forced to disk, and the file is then
 * renamed over the target (a rename within one directory is atomic on POSIX file systems). When anything
 * fails, or the run is stopped, the temporary file is removed and the target is untouched.
 */
final class SummaryWriter {
    /** The permissions of a new summary; the temporary file starts owner-only. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Interruption interruption;
    private final int checkEvery;

    /**
     * @param interruption asked every {@code checkEvery} rows whether to stop
     * @param checkEvery how many rows are written between checks
     */
    SummaryWriter(Interruption interruption, int checkEvery) {
        this.interruption = interruption;
        this.checkEvery = checkEvery;
    }

    /**
     * @return the number of bytes written
     * @throws StoppedException when the run is stopped; nothing was written
     */
    long write(Path target, List<String> header, Iterable<List<String>> rows) throws IOException, StoppedException {
        Path directory = target.getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                writeRecord(out, header);
                long written = 0;
                for (List<String> row : rows) {
                    if (++written % checkEvery == 0) {
                        interruption.throwIfStopped();
                    }
                    writeRecord(out, row);
                }
                out.flush();
                channel.force(true);
            }
            copyPermissions(target, temporary);
            long bytes = Files.size(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return bytes;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** RFC 4180: CRLF after every record; quotes only around fields that need them. */
    static void writeRecord(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

    /** A replaced summary keeps its permissions; a new one is readable by all, like a file made with a usual umask. */
    private static void copyPermissions(Path target, Path temporary) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        view.setPermissions(Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
    }
}
