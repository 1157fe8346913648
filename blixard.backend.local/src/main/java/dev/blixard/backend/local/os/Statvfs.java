package dev.blixard.backend.local.os;

import com.sun.jna.Pointer;

/**
 * {@code struct statvfs} of glibc on 64-bit Linux ({@code bits/statvfs.h}), 112 bytes:
 * <pre>
 *   0 unsigned long f_bsize    preferred I/O block size
 *   8 unsigned long f_frsize   fundamental block size: the unit of the block counts
 *  16 fsblkcnt_t f_blocks, 24 f_bfree, 32 f_bavail     (f_bavail: free to unprivileged users)
 *  40 fsfilcnt_t f_files, 48 f_ffree, 56 f_favail
 *  64 unsigned long f_fsid
 *  72 unsigned long f_flag     ST_RDONLY=1, ST_NOSUID=2, ST_NODEV=4, ST_NOEXEC=8, ...
 *  80 unsigned long f_namemax
 *  88 int __f_spare[6]         (reserved)
 * </pre>
 * x86_64 and aarch64 use the same generic header (the {@code __f_unused} member exists only on 32-bit),
 * and musl's 64-bit layout is the same. The counts are unsigned 64-bit and read as Java {@code long}s:
 * no file system comes near 2^63 blocks. Checked against {@code stat -f}, {@code df} and
 * {@code /proc/self/mountinfo} by {@code LayoutTest}.
 */
public record Statvfs(long bsize, long frsize, long blocks, long bfree, long bavail, long files, long ffree,
        long favail, long fsid, long flag, long namemax) {

    /** Size of the C structure in bytes. */
    static final int SIZE = 112;

    /** {@code f_flag} bit: mounted read-only. */
    public static final long ST_RDONLY = 1;
    /** {@code f_flag} bit: set-user-ID and set-group-ID bits are ignored. */
    public static final long ST_NOSUID = 2;
    /** {@code f_flag} bit: device files cannot be opened. */
    public static final long ST_NODEV = 4;
    /** {@code f_flag} bit: programs cannot be executed. */
    public static final long ST_NOEXEC = 8;

    static Statvfs read(Pointer p) {
        return new Statvfs(p.getLong(0), p.getLong(8), p.getLong(16), p.getLong(24), p.getLong(32), p.getLong(40),
                p.getLong(48), p.getLong(56), p.getLong(64), p.getLong(72), p.getLong(80));
    }

    /** @return the space an unprivileged process may still write, in bytes ({@code f_bavail * f_frsize}) */
    public long availableBytes() {
        return Math.multiplyExact(bavail, frsize);
    }
}
