package dev.blixard.backend.local.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Samples the CPU time and peak memory of a job's process tree from {@code /proc}: the root process and
 * every process below it that is still there.
 *
 * <p>CPU time is summed over the tree as {@code utime + stime + cutime + cstime} of each process. A
 * process's {@code cutime}/{@code cstime} hold the children it has already waited for, which are gone
 * from the tree, so nothing is counted twice, and a grandchild reaped by a live child is still counted
 * (taking only the root's {@code cutime} would lose it until that child ends).
 *
 * <p>Not seen: processes that left the tree (a daemon that double-forked is re-parented away), and
 * children whose parent ended without waiting for them. Totals can therefore drop between samples;
 * keep the highest with {@link Usage#max(Usage)}.
 */
public final class ProcessTreeUsage {

    /**
     * One sample of a process tree.
     *
     * @param cpuTimeMillis CPU time (user + system) of the tree, in milliseconds
     * @param maxRssBytes   the highest peak resident set ({@code VmHWM}) of any one process of the tree;
     *                      not a sum, as processes peak at different times and share pages
     */
    public record Usage(long cpuTimeMillis, long maxRssBytes) {

        /** @return the higher of each value, to keep the peaks seen across samples */
        public Usage max(Usage other) {
            return new Usage(Math.max(cpuTimeMillis, other.cpuTimeMillis), Math.max(maxRssBytes, other.maxRssBytes));
        }
    }

    private final long clockTicksPerSecond;

    /** Reads the clock tick rate ({@code sysconf(_SC_CLK_TCK)}, 100 on common kernels) once. */
    public ProcessTreeUsage(Libc libc) {
        this(libc.sysconf(Libc.SC_CLK_TCK));
    }

    ProcessTreeUsage(long clockTicksPerSecond) {
        if (clockTicksPerSecond <= 0) {
            throw new IllegalArgumentException("clock ticks per second: " + clockTicksPerSecond);
        }
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /**
     * @return the tree's usage now, or empty when the root process no longer exists
     */
    public Optional<Usage> sample(long rootPid) {
        Optional<ProcessHandle> rootHandle = ProcessHandle.of(rootPid);
        if (rootHandle.isEmpty()) {
            return Optional.empty();
        }
        List<Long> pids = new ArrayList<>();
        // descendants() walks the parent links of every process, checking start times against pid reuse.
        rootHandle.get().descendants().forEach(process -> pids.add(process.pid()));
        return sample(rootPid, pids);
    }

    /**
     * The same, for a caller that already knows the root's descendants (one walk over all processes can serve
     * many trees, where {@link #sample(long)} walks them all for each).
     *
     * @param descendantPids the root's descendants, children first or in any order
     * @return the tree's usage now, or empty when the root process no longer exists
     */
    public Optional<Usage> sample(long rootPid, List<Long> descendantPids) {
        Optional<ProcStat> root = ProcStat.read(rootPid);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        List<Long> pids = descendantPids;

        long ticks = root.get().totalTicks();
        long maxRss = peakRssBytes(rootPid).orElse(0);
        for (long pid : pids) {
            Optional<ProcStat> stat = ProcStat.read(pid);
            if (stat.isEmpty()) {
                continue; // ended since it was listed: its time is now in its parent's cutime, or lost
            }
            ticks += stat.get().totalTicks();
            maxRss = Math.max(maxRss, peakRssBytes(pid).orElse(0));
        }
        return Optional.of(new Usage(ticks * 1000 / clockTicksPerSecond, maxRss));
    }

    /**
     * @return {@code VmHWM} of {@code /proc/<pid>/status} in bytes; empty for a process without memory of
     *         its own (a zombie, a kernel thread) or one that has gone
     */
    static OptionalLong peakRssBytes(long pid) {
        String status;
        try {
            // Decoded leniently: the Name line carries the command name's raw bytes, which need not be UTF-8.
            status = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "status")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        for (String line : status.split("\n")) {
            // "VmHWM:\t  207320 kB"
            if (line.startsWith("VmHWM:")) {
                String value = line.substring("VmHWM:".length()).trim();
                int space = value.indexOf(' ');
                return OptionalLong.of(Long.parseLong(space < 0 ? value : value.substring(0, space)) * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
