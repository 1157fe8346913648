package dev.blixard.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of a data directory for the lifetime of the process, so that two nodes never share a
 * cache, a Config Admin store or (later) a Raft log. The lock is an OS file lock on {@code DIR/.lock}: the
 * kernel releases it when the process dies, so a crashed node never leaves a stale lock behind. The file
 * also records the owner's pid, for the error message of the node that is refused.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once; it never waits for another node.
     *
     * @param dataDir  the directory being locked, named in the error message
     * @param lockFile the lock file inside it
     * @throws StartupException when another process (or this one) holds the lock, or the file cannot be opened
     */
    static DataDirectoryLock acquire(Path dataDir, Path lockFile) throws StartupException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException("cannot open " + lockFile + ": " + e.getMessage());
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readPid(channel);
                channel.close();
                throw new StartupException("data dir " + dataDir + " is in use by another blixard node"
                        + (holder == null ? "" : " (pid " + holder + ")"));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot lock " + lockFile + ": " + e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM
        }
    }

    private static String readPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,10}") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** Releases the lock. The file stays: deleting it would race with a node that has just opened it. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
