package dev.blixard.backend.local.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What the host has to offer jobs right now: processors, load, memory and disk space.
 *
 * <p>These are the kernel's whole-machine figures: a cgroup's CPU quota or memory limit around the node
 * is not applied (unlike {@link Runtime#availableProcessors()}, which honours CPU quotas and affinity).
 */
public final class HostResources {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private final Libc libc;

    public HostResources(Libc libc) {
        this.libc = libc;
    }

    /** @return the processors online ({@code sysconf(_SC_NPROCESSORS_ONLN)}), what {@code getconf} reports */
    public int onlineCpus() {
        return Math.toIntExact(libc.sysconf(Libc.SC_NPROCESSORS_ONLN));
    }

    /** @return the one-minute load average: runnable and uninterruptible tasks, averaged */
    public double loadAverage1m() {
        return libc.sysinfo().load1() / Sysinfo.LOAD_SCALE;
    }

    /** @return the usable physical memory, in bytes ({@code MemTotal}) */
    public long totalMemoryBytes() {
        Sysinfo info = libc.sysinfo();
        return info.bytes(info.totalram());
    }

    /**
     * The memory new work can have without swapping: the kernel's {@code MemAvailable} estimate (free
     * memory plus the page cache and slab it can reclaim). {@code sysinfo}'s {@code freeram} would count
     * the page cache as used and report a busy node as almost full, so it serves only where
     * {@code MemAvailable} is missing (kernels before 3.14), as {@code freeram + bufferram}: an underestimate.
     *
     * @return bytes available for new work
     */
    public long freeMemoryBytes() {
        OptionalLong available = memAvailableBytes();
        if (available.isPresent()) {
            return available.getAsLong();
        }
        Sysinfo info = libc.sysinfo();
        return info.bytes(info.freeram() + info.bufferram());
    }

    /**
     * @return the space an unprivileged process can still write on the file system holding {@code path}
     *         ({@code f_bavail * f_frsize}: blocks reserved for root are not counted)
     * @throws IOException when the path cannot be examined
     */
    public long freeDiskBytes(Path path) throws IOException {
        return libc.statvfs(path).availableBytes();
    }

    private static OptionalLong memAvailableBytes() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                // "MemAvailable:   24209612 kB"
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                    return OptionalLong.of(Math.multiplyExact(Long.parseLong(parts[0]), 1024L));
                }
            }
        } catch (IOException | NumberFormatException | ArithmeticException e) {
            // An unreadable or unexpected meminfo leaves the sysinfo estimate, which is never missing.
        }
        return OptionalLong.empty();
    }
}
