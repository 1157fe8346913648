package dev.blixard.backend.local.os;

import com.sun.jna.Pointer;

/**
 * {@code struct rlimit}: two {@code rlim_t}, unsigned 64-bit on 64-bit Linux, at offsets 0 and 8 (16 bytes).
 * Read into Java {@code long}s, {@code RLIM_INFINITY} (all bits set) becomes {@link #INFINITY}; every finite
 * limit fits below 2^63.
 *
 * @param rlimCur the soft limit, the one the kernel enforces; a process may move it up to {@code rlimMax}
 * @param rlimMax the hard limit; an unprivileged process can only lower it
 */
public record Rlimit(long rlimCur, long rlimMax) {

    /** {@code RLIM_INFINITY} ({@code ~0UL}) as a Java {@code long}. */
    public static final long INFINITY = -1L;

    /** Size of the C structure in bytes. */
    static final int SIZE = 16;

    static Rlimit read(Pointer p) {
        return new Rlimit(p.getLong(0), p.getLong(8));
    }
}
