package dev.blixard.store.internal;

import dev.blixard.store.StatementResult;
import java.util.List;

/**
 * What applying one batch of a log entry did: applied with results, failed and rolled back, or skipped
 * because this database had applied the entry before a restart (its results are then not known).
 */
record BatchOutcome(List<StatementResult> results, Failure failure, boolean skipped) {
    static final BatchOutcome SKIPPED = new BatchOutcome(List.of(), null, true);

    static BatchOutcome applied(List<StatementResult> results) {
        return new BatchOutcome(results, null, false);
    }

    static BatchOutcome failed(Failure failure) {
        return new BatchOutcome(List.of(), failure, false);
    }

    /** Why a batch was rolled back: which statement, SQLite's result code, and its message. */
    record Failure(int statementIndex, int sqliteCode, String message) {
    }
}
