package dev.blixard.api.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a job: who ran it, when, and how it ended.
 *
 * @param number the attempt's number, from 1
 * @param workerId the worker that claimed it
 * @param claimedAt when it was claimed
 * @param startedAt when it started running; {@code null} if it never did
 * @param finishedAt when it ended; {@code null} while running
 * @param outcome how it ended, or {@link AttemptOutcome#RUNNING}
 * @param error the error reported or recorded, if any
 */
public record JobAttempt(int number, String workerId, Instant claimedAt, Instant startedAt, Instant finishedAt,
        AttemptOutcome outcome, String error) {

    public JobAttempt {
        if (number < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, was " + number);
        }
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** @return when it started running, if it did */
    public Optional<Instant> started() {
        return Optional.ofNullable(startedAt);
    }

    /** @return when it ended, if it has */
    public Optional<Instant> finished() {
        return Optional.ofNullable(finishedAt);
    }
}
