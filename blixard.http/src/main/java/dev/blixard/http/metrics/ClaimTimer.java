package dev.blixard.http.metrics;

/**
 * Times the REST API's claims, from the handler receiving the parsed claim to its answer being ready (the
 * time a worker waits for it, less the network and the writing). The REST API uses {@link #NONE} while the
 * metrics are not there.
 */
public interface ClaimTimer {

    /** Times nothing. */
    ClaimTimer NONE = longPoll -> outcome -> { };

    /**
     * Starts timing one claim.
     *
     * @param longPoll whether the claim may wait for jobs ({@code wait_ms > 0}); such claims are timed apart,
     *        since their time is mostly the wait
     * @return what to call once, when the claim is answered
     */
    Stop start(boolean longPoll);

    /** Ends the timing of one claim. */
    @FunctionalInterface
    interface Stop {

        /** Records the claim's time with how it ended. */
        void stop(Outcome outcome);
    }

    /** How a claim ended, a label of its timing. */
    enum Outcome {
        /** It answered with at least one job. */
        JOBS,
        /** It answered with no job. */
        EMPTY,
        /** It failed (the queue was unavailable, say). */
        ERROR;

        /** @return the label value, for example {@code jobs} */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
