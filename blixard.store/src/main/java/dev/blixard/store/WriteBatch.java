package dev.blixard.store;

import java.util.List;
import java.util.Objects;

/**
 * Statements applied as one transaction: all of them, or (when one fails) none, identically on every node.
 *
 * @param statements in execution order; at least one
 */
public record WriteBatch(List<Statement> statements) {

    public WriteBatch {
        statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a write batch needs at least one statement");
        }
    }

    /** A batch of the given statements. */
    public static WriteBatch of(Statement... statements) {
        return new WriteBatch(List.of(statements));
    }
}
