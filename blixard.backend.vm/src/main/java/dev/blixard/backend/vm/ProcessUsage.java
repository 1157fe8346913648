package dev.blixard.backend.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a running VMM process has used so far, from {@code /proc}: its peak resident memory ({@code VmHWM}, the
 * guest's touched memory plus the VMM's own) and its CPU time (user plus system, in the kernel's 100 Hz ticks).
 *
 * @param peakRssBytes the peak resident set size
 * @param cpuMillis user plus system CPU time
 */
record ProcessUsage(long peakRssBytes, long cpuMillis) {

    private static final long MILLIS_PER_TICK = 10;

    /** @return the process's usage, or empty once it has gone */
    static Optional<ProcessUsage> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            long peakKb = Files.readAllLines(proc.resolve("status"), StandardCharsets.US_ASCII).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1L);
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
            // After the command's closing parenthesis: state is field 3, utime 14 and stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(new ProcessUsage(peakKb < 0 ? -1 : peakKb * 1024, ticks * MILLIS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
