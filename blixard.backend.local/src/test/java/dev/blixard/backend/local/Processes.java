package dev.blixard.backend.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Facts about processes and threads for the tests, read from {@code /proc} and the JVM. */
final class Processes {

    private Processes() {
    }

    /**
     * Whether a process runs: a zombie does not (the container's init here may never reap orphans, so a killed
     * orphan can stay a zombie, which runs nothing and holds nothing but its PID).
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> name.startsWith(prefix)).toList();
    }

    static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " within " + deadline.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
