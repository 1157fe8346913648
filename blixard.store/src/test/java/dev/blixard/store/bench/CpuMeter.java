package dev.blixard.store.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the CPUs did over an interval, from Linux's {@code /proc}: how busy the whole machine was and how
 * much of it the given processes (the store members) used. On a shared machine this tells whether other
 * work competed with the benchmark, and it gives the members' CPU cost per write whatever else ran.
 * Where {@code /proc} is missing, every figure is {@code NaN}.
 */
final class CpuMeter {
    private static final Path STAT = Path.of("/proc/stat");
    /** Linux reports CPU times in clock ticks of 1/100 s on every architecture Java runs on here. */
    private static final double TICKS_PER_SECOND = 100;

    private final List<Long> pids;
    private final long startNanos = System.nanoTime();
    private final long[] machineStart;
    private final long processesStart;

    CpuMeter(List<Long> pids) {
        this.pids = List.copyOf(pids);
        this.machineStart = machineTicks();
        this.processesStart = processTicks();
    }

    /** The figures from construction until now. */
    Usage stop() {
        long[] machineEnd = machineTicks();
        long processesEnd = processTicks();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (machineStart == null || machineEnd == null || processesStart < 0 || processesEnd < 0) {
            return new Usage(Double.NaN, Double.NaN, Double.NaN, seconds);
        }
        long busy = machineEnd[0] - machineStart[0];
        long total = machineEnd[1] - machineStart[1];
        int cores = Runtime.getRuntime().availableProcessors();
        double machineBusy = total == 0 ? 0 : 100.0 * busy / total;
        double ours = 100.0 * (processesEnd - processesStart) / TICKS_PER_SECOND / seconds / cores;
        return new Usage(machineBusy, ours, (processesEnd - processesStart) / TICKS_PER_SECOND, seconds);
    }

    /**
     * @param machineBusyPercent share of all cores' time that anything used
     * @param membersPercent share of all cores' time the measured processes used
     * @param membersCpuSeconds CPU seconds the measured processes used
     */
    record Usage(double machineBusyPercent, double membersPercent, double membersCpuSeconds, double seconds) {

        /** What other work took: the benchmark did not have the machine to itself when this is large. */
        double othersPercent() {
            return Math.max(0, machineBusyPercent - membersPercent);
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"machine_busy_pct\":%.1f,\"members_pct\":%.1f,\"others_pct\":%.1f}",
                    machineBusyPercent, membersPercent, othersPercent());
        }
    }

    /** {busy, total} ticks over all CPUs, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** User plus system ticks of the processes, or -1 when one cannot be read. */
    private long processTicks() {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // The command name may hold spaces; the fields after its closing parenthesis do not.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks;
    }
}
