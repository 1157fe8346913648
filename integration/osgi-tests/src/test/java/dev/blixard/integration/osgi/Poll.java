package dev.blixard.integration.osgi;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repeats an observation until it is good or a deadline passes, for states that settle
 * asynchronously and offer no event to wait on. Where a service event exists, use a
 * {@link org.osgi.util.tracker.ServiceTracker} instead.
 */
final class Poll {

    private static final long INTERVAL_MS = 100;

    private Poll() {
    }

    /**
     * Observes until {@code good} accepts the observation or {@code timeoutMs} has passed.
     *
     * @return the last observation: the good one, or the one to report in the failure
     */
    static <T> T until(long timeoutMs, Supplier<T> observe, Predicate<? super T> good) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        T observation = observe.get();
        while (!good.test(observation) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return observation;
            }
            observation = observe.get();
        }
        return observation;
    }
}
