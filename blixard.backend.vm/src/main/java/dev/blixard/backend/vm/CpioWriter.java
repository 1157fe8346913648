package dev.blixard.backend.vm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format (magic {@code 070701}), the one Linux unpacks as an initramfs.
 * Linux accepts several archives one after the other, later entries adding to (or replacing) earlier ones, so a
 * job's files go into a small archive of their own appended to the guest's base initrd, without unpacking it.
 * Only what a job overlay needs: directories and regular files, owned by root, in memory.
 */
final class CpioWriter {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR_FILE = 0100000;
    private static final String TRAILER = "TRAILER!!!";

    private final ByteArrayOutputStream archive = new ByteArrayOutputStream();
    private int nextInode = 1;
    private boolean finished;

    /** Adds a directory; {@code path} is relative to the root, without a leading slash, for example {@code blixard}. */
    CpioWriter directory(String path, int permissions) {
        entry(path, DIRECTORY | permissions, 2, new byte[0]);
        return this;
    }

    /** Adds a regular file. */
    CpioWriter file(String path, int permissions, byte[] content) {
        entry(path, REGULAR_FILE | permissions, 1, content);
        return this;
    }

    /** Adds a regular file with UTF-8 text. */
    CpioWriter file(String path, int permissions, String content) {
        return file(path, permissions, content.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the archive, ended with its trailer entry; nothing can be added after */
    byte[] finish() {
        if (!finished) {
            nextInode = 0;
            entry(TRAILER, 0, 1, new byte[0]);
            finished = true;
        }
        return archive.toByteArray();
    }

    private void entry(String path, int mode, int links, byte[] content) {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        if (!TRAILER.equals(path) && (path.isEmpty() || path.startsWith("/") || path.contains("\0"))) {
            throw new IllegalArgumentException("a cpio entry needs a relative path without NUL, was \"" + path + "\"");
        }
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("070701");
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        long[] fields = {nextInode++, mode, 0, 0, links, 0, content.length, 0, 0, 0, 0, name.length + 1, 0};
        for (long field : fields) {
            header.append(String.format("%08x", field));
        }
        archive.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        archive.writeBytes(name);
        archive.write(0);
        padToFour();
        archive.writeBytes(content);
        padToFour();
    }

    /** newc aligns every header and every file's data to four bytes. */
    private void padToFour() {
        while (archive.size() % 4 != 0) {
            archive.write(0);
        }
    }
}
