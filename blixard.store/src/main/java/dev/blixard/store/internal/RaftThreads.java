package dev.blixard.store.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the threads Ratis leaves running after its server and clients are closed. Ratis stops its leader
 * state, gRPC and Netty threads asynchronously; in OSGi the store bundle's class loader is gone moments after
 * {@code close()}, and a thread still running its code then dies with NoClassDefFoundError. A thread counts as
 * Ratis's when its stack runs Ratis code (its gRPC and Netty are shaded under {@code org.apache.ratis}).
 */
final class RaftThreads {
    private static final Logger LOG = LoggerFactory.getLogger(RaftThreads.class);
    private static final String RATIS_PACKAGE = "org.apache.ratis.";
    private static final long POLL_MILLIS = 10;

    private RaftThreads() {
    }

    /**
     * Waits until no other thread runs Ratis code, for at most {@code timeout}.
     *
     * @return the names of the threads still running Ratis code at the deadline (empty when all ended)
     */
    static List<String> awaitEnd(Duration timeout, String nodeId) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> running = running();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            running = running();
        }
        if (!running.isEmpty()) {
            LOG.warn("Store member {}: {} Raft threads still run {} ms after close: {}", nodeId, running.size(),
                    timeout.toMillis(), running);
        }
        return running;
    }

    private static List<String> running() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread != Thread.currentThread() && thread.isAlive() && runsRatis(entry.getValue())) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    private static boolean runsRatis(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(RATIS_PACKAGE)) {
                return true;
            }
        }
        return false;
    }
}
