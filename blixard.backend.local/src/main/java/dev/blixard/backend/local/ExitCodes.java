package dev.blixard.backend.local;

import java.util.Map;

/**
 * A failed job's exit status in words. The JDK (and bubblewrap, for the job inside it) report a process killed
 * by signal N as 128 + N, so those are named: "killed by SIGXCPU" is what a CPU limit looks like, SIGSEGV a crash.
 */
final class ExitCodes {

    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"),
            Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"));

    private static final Map<String, String> MEANINGS = Map.of(
            "SIGXCPU", " (its CPU time limit was reached)",
            "SIGKILL", " (killed by force: a CPU limit, the kernel's out-of-memory killer, or another process)",
            "SIGSEGV", " (it crashed: invalid memory access)",
            "SIGXFSZ", " (its file size limit was reached)");

    private ExitCodes() {
    }

    static String describe(int exitCode, String jobId) {
        String signal = exitCode > 128 ? SIGNALS.get(exitCode - 128) : null;
        if (signal != null) {
            return "job " + jobId + " was killed by " + signal + MEANINGS.getOrDefault(signal, "") + ", exit status " + exitCode;
        }
        return "job " + jobId + " exited with code " + exitCode;
    }
}
