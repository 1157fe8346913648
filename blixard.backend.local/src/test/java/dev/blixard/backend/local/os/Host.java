package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the tests compare the classes with: the output of standard tools and {@code /proc}, read independently. */
final class Host {

    private Host() {
    }

    /** Runs a short command to its end and returns its standard output, trimmed; it must exit 0. */
    static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(String.join(" ", command) + " did not end", process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(String.join(" ", command) + " failed (its error output is above)", 0, process.exitValue());
            return out.trim();
        } finally {
            process.destroyForcibly();
        }
    }

    /** @return a {@code /proc/meminfo} value such as {@code MemTotal}, in bytes */
    static long meminfoBytes(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new AssertionError(key + " is not in /proc/meminfo");
    }

    /** What a call returned, and {@code /proc/loadavg} right before and after it. */
    record Loadavg<T>(String[] before, T value, String[] after) {

        /** @return the 1, 5 or 15 minute load (index 0, 1, 2) as {@code /proc/loadavg} showed it */
        double load(int index) {
            return Double.parseDouble(before[index]);
        }
    }

    /**
     * Calls {@code read} between two readings of {@code /proc/loadavg} that show the same load averages (the
     * kernel recomputes them every 5 s; when it did in between, all is read again).
     */
    static <T> Loadavg<T> betweenSteadyLoadavg(Callable<T> read) throws Exception {
        for (int attempt = 1;; attempt++) {
            String[] before = loadavg();
            T value = read.call();
            String[] after = loadavg();
            if (Arrays.equals(before, 0, 3, after, 0, 3) || attempt == 5) {
                return new Loadavg<>(before, value, after);
            }
        }
    }

    /** @return the fields of {@code /proc/loadavg}: three loads, running/threads, the last pid */
    private static String[] loadavg() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    }

    /**
     * Whether a process has ended: gone, or a zombie (this container's PID 1 may never reap orphans, and a
     * zombie runs nothing and holds nothing but its pid).
     */
    static boolean ended(long pid) {
        return ProcessHandle.of(pid).isEmpty() || "ZX".indexOf(state(pid)) >= 0;
    }

    /** @return the state letter of {@code /proc/<pid>/stat}, 'X' when it cannot be read */
    static char state(long pid) {
        String[] fields = statFields(pid);
        return fields.length == 0 ? 'X' : fields[0].charAt(0);
    }

    /** @return the process group of {@code pid}, from {@code /proc/<pid>/stat} */
    static long processGroup(long pid) {
        return Long.parseLong(statFields(pid)[2]);
    }

    /** @return a signal mask of {@code pid} from {@code /proc/<pid>/status}, such as {@code SigIgn} or {@code SigBlk} */
    static long signalMask(long pid, String mask) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(mask + ":")) {
                return Long.parseUnsignedLong(line.substring(mask.length() + 1).trim(), 16);
            }
        }
        throw new AssertionError("no " + mask + " for " + pid);
    }

    /** @return the fields of {@code /proc/<pid>/stat} from the state on (after the last ")"); none when gone */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | UncheckedIOException e) {
            return new String[0];
        }
    }

    /** Asserts {@code actual} lies between two readings of a moving value, give or take {@code slack}. */
    static void assertWithin(String what, long before, long after, long slack, long actual) {
        long low = Math.min(before, after) - slack;
        long high = Math.max(before, after) + slack;
        assertTrue(what + " " + actual + " not within [" + low + ", " + high + "]", actual >= low && actual <= high);
    }

    static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " within " + deadline.toMillis() + " ms");
            }
            Thread.sleep(20);
        }
    }
}
