package dev.blixard.http.events;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Runs tasks only when the test says so, on the test's thread. */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs tasks, including those they schedule, until none is left. @return how many ran */
    int runAll() {
        int ran = 0;
        for (Runnable task = next(); task != null; task = next()) {
            task.run();
            ran++;
        }
        return ran;
    }

    synchronized boolean isIdle() {
        return tasks.isEmpty();
    }

    private synchronized Runnable next() {
        return tasks.poll();
    }
}
