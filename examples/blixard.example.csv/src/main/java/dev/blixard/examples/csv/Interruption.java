package dev.blixard.examples.csv;

/**
 * Says whether a run should stop: cancelled, timed out, or its processor going away. Long loops ask it
 * every few hundred rows, which keeps the check cheap and the reaction prompt.
 */
@FunctionalInterface
interface Interruption {

    /** @return why the run must stop now, or {@code null} to go on */
    Stop check();

    /** @throws StoppedException when {@link #check()} says to stop */
    default void throwIfStopped() throws StoppedException {
        Stop stop = check();
        if (stop != null) {
            throw new StoppedException(stop);
        }
    }

    /**
     * Why a run stopped.
     *
     * @param reason in words, for example {@code cancelled}
     * @param retryable whether another attempt may succeed (a timeout, say), as opposed to a cancel
     */
    record Stop(String reason, boolean retryable) {
    }
}
