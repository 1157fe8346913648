package dev.blixard.backend.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One output stream of a job, kept within a cap however much the job writes: the first half of the cap and
 * the last half, with a marker saying how much was left out in between. The start usually says what ran and
 * the end why it stopped, so both are worth more than either alone. Everything beyond the cap is read and
 * dropped, so a chatty job never blocks on a full pipe.
 */
final class BoundedOutput {

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    /** Index in {@link #tail} where the oldest kept byte is, once the ring has wrapped. */
    private int tailStart;
    private int tailLength;
    private long total;

    BoundedOutput(int capBytes) {
        if (capBytes < 2) {
            throw new IllegalArgumentException("the output cap must be at least 2 bytes, was " + capBytes);
        }
        this.head = new byte[capBytes / 2];
        this.tail = new byte[capBytes - head.length];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        for (int i = offset + toHead; i < offset + length; i++) {
            int at = (tailStart + tailLength) % tail.length;
            tail[at] = bytes[i];
            if (tailLength < tail.length) {
                tailLength++;
            } else {
                tailStart = (tailStart + 1) % tail.length;
            }
        }
    }

    /** Whether bytes were left out. */
    synchronized boolean truncated() {
        return total > head.length + tail.length;
    }

    synchronized long totalBytes() {
        return total;
    }

    /** The kept output as text (UTF-8; a character cut at the marker shows as a replacement character). */
    synchronized String text() {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(headLength + tailLength + 64);
        kept.write(head, 0, headLength);
        long leftOut = total - headLength - tailLength;
        if (leftOut > 0) {
            kept.writeBytes(("\n[... " + leftOut + " bytes left out by the output cap ...]\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < tailLength; i++) {
            kept.write(tail[(tailStart + i) % tail.length]);
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
