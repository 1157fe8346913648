package dev.blixard.backend.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * One output stream of a container as the job's result keeps it: the first half of the cap and the last half,
 * with a marker saying how many bytes were left out between them (the start says what ran, the end why it
 * stopped). The engine delivers output in frames; the tail keeps whole frames and drops the oldest once the
 * frames after it alone fill the tail, so memory stays within the cap plus one frame.
 */
final class OutputCapture {

    private final int headCap;
    private final int tailCap;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final Deque<byte[]> tail = new ArrayDeque<>();
    private long tailBytes;
    private long total;

    OutputCapture(int capBytes) {
        if (capBytes < 2) {
            throw new IllegalArgumentException("the output cap must be at least 2 bytes, was " + capBytes);
        }
        headCap = capBytes / 2;
        tailCap = capBytes - headCap;
    }

    synchronized void append(byte[] frame) {
        total += frame.length;
        int toHead = Math.min(frame.length, headCap - head.size());
        head.write(frame, 0, toHead);
        if (toHead == frame.length) {
            return;
        }
        tail.addLast(toHead == 0 ? frame.clone() : Arrays.copyOfRange(frame, toHead, frame.length));
        tailBytes += frame.length - toHead;
        while (tailBytes - tail.peekFirst().length >= tailCap) {
            tailBytes -= tail.removeFirst().length;
        }
    }

    /** Whether bytes were left out. */
    synchronized boolean truncated() {
        return total > (long) headCap + tailCap;
    }

    /** The kept output as text (UTF-8; a character cut at the marker shows as a replacement character). */
    synchronized String text() {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(head.size() + (int) Math.min(tailBytes, tailCap) + 64);
        kept.writeBytes(head.toByteArray());
        long skipInTail = Math.max(0, tailBytes - tailCap);
        long leftOut = total - head.size() - (tailBytes - skipInTail);
        if (leftOut > 0) {
            kept.writeBytes(("\n[... " + leftOut + " bytes left out by the output cap ...]\n").getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] frame : tail) {
            int from = (int) Math.min(frame.length, skipInTail);
            kept.write(frame, from, frame.length - from);
            skipInTail -= from;
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
