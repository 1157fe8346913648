package dev.blixard.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How much CPU a JVM's JIT compiler threads have used, read from Linux's {@code /proc}: benchmarks warm a node
 * up until its compilers go quiet instead of for a fixed time. A node under steady load still compiles for
 * minutes after it starts (its C2 threads took 40 % of a core two minutes into a run of single submits and
 * 3 % after eight), and figures taken before that measure the compiler as much as the node.
 */
public final class JitActivity {
    /** Compiler CPU per wall-clock second below which the benchmarks count a node as warm: a tenth of a core. */
    public static final double QUIET_SHARE = 0.10;
    /** {@code /proc} reports CPU times in USER_HZ ticks, which Linux fixes at 100 a second for user space. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private JitActivity() {
    }

    /**
     * @return the CPU time used so far by the compiler threads ({@code C1 CompilerThread…}, {@code C2
     *         CompilerThread…}) of the process, zero once it has ended
     * @throws IOException when {@code /proc} cannot be read (not Linux)
     */
    public static Duration compilerCpu(long pid) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                ticks += compilerTicks(thread.resolve("stat"));
            }
        } catch (NoSuchFileException ended) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }

    private static long compilerTicks(Path stat) throws IOException {
        String line;
        try {
            line = Files.readString(stat);
        } catch (NoSuchFileException ended) {
            return 0; // the thread ended between the listing and the read
        }
        // pid (comm) state ...: comm may hold spaces and parentheses, so it ends at the last ')'.
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String name = line.substring(open + 1, close);
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        String[] fields = line.substring(close + 2).split(" ");
        // After comm: state is field 0, utime field 11, stime field 12 (proc(5) numbers them 3, 14 and 15).
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
