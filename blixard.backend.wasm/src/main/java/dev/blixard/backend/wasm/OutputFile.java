package dev.blixard.backend.wasm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a module's stdout or stderr back from the file WASI wrote it to (wasmtime-java offers no other
 * destination), within a cap: the first half of the cap from the start of the file, the second half from its
 * end, with a marker saying how much was left out between them. The start usually says what ran and the end
 * why it stopped. Only the kept bytes are read, however large the file grew.
 *
 * @param text the kept output (UTF-8; a character cut at the marker shows as a replacement character)
 * @param truncated whether bytes were left out
 */
record OutputFile(String text, boolean truncated) {

    static final OutputFile EMPTY = new OutputFile("", false);

    /** Reads {@code file} within {@code capBytes}; a file not (yet) there reads as empty. */
    static OutputFile read(Path file, int capBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= capBytes) {
                return new OutputFile(StandardCharsets.UTF_8.decode(readAt(channel, 0, (int) size)).toString(), false);
            }
            int headBytes = capBytes / 2;
            int tailBytes = capBytes - headBytes;
            String head = StandardCharsets.UTF_8.decode(readAt(channel, 0, headBytes)).toString();
            String tail = StandardCharsets.UTF_8.decode(readAt(channel, size - tailBytes, tailBytes)).toString();
            return new OutputFile(head + "\n[... " + (size - capBytes) + " bytes left out by the output cap ...]\n" + tail, true);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
    }

    /** Up to {@code length} bytes from {@code position}; fewer when the file is shorter than it was a moment ago. */
    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // Positional reads may return fewer bytes than asked for; go on until full or at the end.
        }
        return buffer.flip();
    }
}
