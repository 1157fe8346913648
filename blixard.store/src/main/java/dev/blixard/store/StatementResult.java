package dev.blixard.store;

import java.util.List;
import java.util.Objects;

/**
 * What one statement of a batch did.
 *
 * @param rowsAffected rows inserted, updated or deleted
 * @param generatedKeys the row ids of inserted rows, in order (SQLite's {@code last_insert_rowid()})
 * @param columns the column names of {@code RETURNING} rows, or of a query's rows; empty when none
 * @param rows the {@code RETURNING} rows, each a list of values in column order
 */
public record StatementResult(long rowsAffected, List<Long> generatedKeys, List<String> columns,
        List<List<Object>> rows) {

    public StatementResult {
        generatedKeys = List.copyOf(Objects.requireNonNull(generatedKeys, "generatedKeys"));
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        // Most statements return no rows; apply makes one of these per statement, so skip the stream then.
        rows = Objects.requireNonNull(rows, "rows").isEmpty() ? List.of()
                : rows.stream().map(java.util.Collections::unmodifiableList).toList();
    }
}
