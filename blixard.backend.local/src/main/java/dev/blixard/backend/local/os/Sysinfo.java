package dev.blixard.backend.local.os;

import com.sun.jna.Pointer;

/**
 * Linux {@code struct sysinfo} on a 64-bit kernel ({@code include/uapi/linux/sysinfo.h}), 112 bytes:
 * <pre>
 *   0 long uptime            seconds since boot
 *   8 unsigned long loads[3] 1, 5, 15 minute load averages, scaled by 2^16 (SI_LOAD_SHIFT)
 *  32 unsigned long totalram, 40 freeram, 48 sharedram, 56 bufferram, 64 totalswap, 72 freeswap
 *  80 unsigned short procs   number of tasks (threads, not processes)
 *  82 unsigned short pad     then 4 bytes of alignment padding
 *  88 unsigned long totalhigh, 96 freehigh   always 0 on 64-bit
 * 104 unsigned int mem_unit  the unit of the memory fields, in bytes
 * 108 char _f[0]             (20 - 2*8 - 4 bytes) then 4 bytes of tail padding to the 8-byte alignment
 * </pre>
 * The same on x86_64 and aarch64 (a kernel ABI, so also the same under musl). Checked field by field
 * against {@code /proc/meminfo}, {@code /proc/loadavg} and {@code /proc/uptime} by {@code LayoutTest}.
 * Memory fields are in {@link #memUnit()} units; use {@link #bytes(long)}.
 */
public record Sysinfo(long uptime, long load1, long load5, long load15, long totalram, long freeram,
        long sharedram, long bufferram, long totalswap, long freeswap, int procs, long totalhigh,
        long freehigh, int memUnit) {

    /** Size of the C structure in bytes. */
    static final int SIZE = 112;

    /** The fixed-point scale of the load averages ({@code 1 << SI_LOAD_SHIFT}). */
    public static final double LOAD_SCALE = 65536.0;

    static Sysinfo read(Pointer p) {
        return new Sysinfo(p.getLong(0), p.getLong(8), p.getLong(16), p.getLong(24), p.getLong(32), p.getLong(40),
                p.getLong(48), p.getLong(56), p.getLong(64), p.getLong(72), Short.toUnsignedInt(p.getShort(80)),
                p.getLong(88), p.getLong(96), p.getInt(104));
    }

    /** @return a memory field converted from {@link #memUnit()} units to bytes */
    public long bytes(long units) {
        // mem_unit is 1 on 64-bit kernels; it is >1 only where totalram would overflow a 32-bit long.
        return Math.multiplyExact(units, Integer.toUnsignedLong(memUnit));
    }
}
