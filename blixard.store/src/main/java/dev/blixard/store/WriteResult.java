package dev.blixard.store;

import java.util.List;
import java.util.Objects;

/**
 * The results of a batch.
 *
 * @param index the Raft log index of the entry that carried the batch; every node that has applied this
 *        index sees the batch's effects
 * @param results one per statement, in order
 */
public record WriteResult(long index, List<StatementResult> results) {

    public WriteResult {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
    }

    /** @return the result of statement {@code i} */
    public StatementResult result(int i) {
        return results.get(i);
    }
}
