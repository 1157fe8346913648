package dev.blixard.backend.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One output stream of a job, kept within a cap however much the job writes: the first half of the cap and
 * the last half, with a marker saying how much was left out in between. The start usually says what ran and
 * the end why it stopped, so both are worth more than either alone. Everything beyond the cap is read and
 * dropped, so a chatty job never blocks on a full pipe.
 */
final class BoundedOutput {

    /** Most jobs write little: buffers start small and grow up to the cap, the tail only once the head is full. */
    private static final int INITIAL_BYTES = 1024;

    private final int headCap;
    private final int tailCap;
    private byte[] head = new byte[0];
    private byte[] tail = new byte[0];
    private int headLength;
    /** Index in {@link #tail} where the oldest kept byte is, once the ring has wrapped. */
    private int tailStart;
    private int tailLength;
    private long total;

    BoundedOutput(int capBytes) {
        if (capBytes < 2) {
            throw new IllegalArgumentException("the output cap must be at least 2 bytes, was " + capBytes);
        }
        this.headCap = capBytes / 2;
        this.tailCap = capBytes - headCap;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headCap - headLength);
        if (headLength + toHead > head.length) {
            head = Arrays.copyOf(head, grownSize(head.length, headLength + toHead, headCap));
        }
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        if (toHead < length && tail.length < tailCap) {
            tail = growRing(grownSize(tail.length, tailLength + length - toHead, tailCap));
        }
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

    /** Doubling (at least {@link #INITIAL_BYTES}, at least what is needed), never beyond the cap. */
    private static int grownSize(int current, long needed, int cap) {
        return (int) Math.min(cap, Math.max(INITIAL_BYTES, Math.max(current * 2L, needed)));
    }

    /** A bigger ring with the kept bytes in order from its start, so the ring's arithmetic stays simple. */
    private byte[] growRing(int size) {
        byte[] grown = new byte[size];
        for (int i = 0; i < tailLength; i++) {
            grown[i] = tail[(tailStart + i) % tail.length];
        }
        tailStart = 0;
        return grown;
    }

    /** Whether bytes were left out. */
    synchronized boolean truncated() {
        return total > (long) headCap + tailCap;
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
