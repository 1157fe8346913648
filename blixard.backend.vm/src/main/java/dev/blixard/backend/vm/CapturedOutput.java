package dev.blixard.backend.vm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One serial stream of a VM (console, job stdout, job stderr) kept within a cap: its first half and its last
 * half, with a line saying how much was left out between them. The boot and the end of a run are what explain a
 * failure; the middle of a chatty job rarely is. Thread-safe: a reader thread writes while status calls read.
 */
final class CapturedOutput {

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    /** Bytes ever written to the tail ring; the next one goes to {@code tailWritten % tail.length}. */
    private long tailWritten;

    CapturedOutput(int capBytes) {
        head = new byte[capBytes / 2];
        tail = new byte[capBytes - capBytes / 2];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        for (int i = offset + toHead; i < offset + length; i++) {
            tail[(int) (tailWritten++ % tail.length)] = bytes[i];
        }
    }

    synchronized boolean truncated() {
        return tailWritten > tail.length;
    }

    /** The kept bytes as text (UTF-8; a character cut at the gap shows as a replacement character). */
    synchronized String text() {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(headLength + tail.length + 64);
        kept.write(head, 0, headLength);
        if (truncated()) {
            kept.writeBytes(("\n[... " + (tailWritten - tail.length) + " bytes left out by the output cap ...]\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        int kept0 = (int) Math.min(tailWritten, tail.length);
        for (long i = tailWritten - kept0; i < tailWritten; i++) {
            kept.write(tail[(int) (i % tail.length)]);
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
