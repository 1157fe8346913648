package dev.blixard.core.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread the agent starts {@code blixard-agent-…}, so a thread dump shows who owns it, and
 * remembers them so their owner can join them: a pool's termination is signalled a moment before its last
 * thread has died, and no agent thread may outlive the agent.
 */
final class AgentThreads implements ThreadFactory {
    /** The prefix of every agent thread's name. */
    static final String PREFIX = "blixard-agent-";

    private final String name;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** @param role what the threads do, for example {@code report} */
    AgentThreads(String role) {
        this.name = PREFIX + role + "-";
    }

    @Override
    public Thread newThread(Runnable runnable) {
        // Pools retire idle threads: forget those, so a long-running agent does not collect dead threads.
        threads.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
        Thread thread = new Thread(runnable, name + count.incrementAndGet());
        // Daemon, so a leak never keeps the JVM alive; the owner still joins them.
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /**
     * Waits for every thread made here to die, until {@code deadlineNanos}.
     *
     * @return how many are still alive
     */
    int joinAll(long deadlineNanos) {
        int alive = 0;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    /** @return an unstarted thread named {@code blixard-agent-<role>} */
    static Thread single(String role, Runnable runnable) {
        Thread thread = new Thread(runnable, PREFIX + role);
        thread.setDaemon(true);
        return thread;
    }
}
