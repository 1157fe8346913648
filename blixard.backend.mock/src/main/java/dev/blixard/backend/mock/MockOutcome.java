package dev.blixard.backend.mock;

import java.util.Locale;

/** How one simulated execution ends. */
enum MockOutcome {
    /** Exits 0 with its output. */
    SUCCESS,
    /** Exits non-zero: the job failed. */
    FAIL,
    /** Never ends by itself: only cancel or the timeout stop it. */
    HANG,
    /** The backend side breaks: a retryable infrastructure failure. */
    CRASH;

    static MockOutcome parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome '" + text + "' is not one of success, fail, crash, hang");
        }
    }
}
