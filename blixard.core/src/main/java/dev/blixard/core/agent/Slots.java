package dev.blixard.core.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The capacity of one worker type. A slot is taken before a job is claimed and given back once its
 * execution has ended and its outcome was reported, so the agent never holds more jobs, nor runs more
 * executions, than its capacity. Thread-safe.
 */
final class Slots {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int used;

    Slots(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Waits for at least one free slot, then for up to {@code lingerNanos} more while fewer than
     * {@code batch} are free, then takes as many as are free, up to {@code max}. The short linger turns a
     * trickle of freed slots into one claim of many jobs instead of many claims of one.
     *
     * @return the number taken, at least 1
     */
    int acquireUpTo(int max, int batch, long lingerNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (used >= capacity) {
                changed.await();
            }
            long linger = lingerNanos;
            while (capacity - used < Math.min(batch, max) && linger > 0) {
                linger = changed.awaitNanos(linger);
            }
            int taken = Math.min(max, capacity - used);
            used += taken;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a slot without waiting, even beyond the capacity: only for a job that is given back at once
     * and never runs, so that its release balances the count.
     */
    void take() {
        lock.lock();
        try {
            used++;
        } finally {
            lock.unlock();
        }
    }

    void release(int count) {
        if (count == 0) {
            return;
        }
        lock.lock();
        try {
            used -= count;
            if (used < 0) {
                throw new IllegalStateException("released more slots than were taken: " + used);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at most {@code count} slots are taken.
     *
     * @return whether that happened before {@code deadlineNanos} ({@link System#nanoTime()})
     */
    boolean awaitUsedAtMost(int count, long deadlineNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (used > count) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
