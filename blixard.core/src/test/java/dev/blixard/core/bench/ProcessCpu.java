package dev.blixard.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** CPU time of this process and of its threads, for benchmarks that say where the time goes. */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** @return CPU time used by the whole process so far, in nanoseconds */
    static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** @return CPU time used so far by the live threads whose name contains {@code part}, in nanoseconds */
    static long threadNanos(String part) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(part)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
