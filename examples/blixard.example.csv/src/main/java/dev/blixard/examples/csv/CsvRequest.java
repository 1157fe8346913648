package dev.blixard.examples.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One csv job's payload, checked: {@code {"dataset": "/data/sales.csv", "operation": "aggregate",
 * "group_by": "region", "sum": ["amount"], "output": "/data/summary.csv"}}. Built only by
 * {@link CsvRequestParser}, so every instance has absolute, normalised paths without {@code ..}.
 *
 * @param dataset the CSV file to read
 * @param operation what to do with it; only {@value #AGGREGATE} exists
 * @param groupBy the column to group by; empty means the first column of the header
 * @param sum the columns to sum; empty means every column (but the group column) whose values are all numbers
 * @param output the summary CSV to write, replaced atomically
 */
record CsvRequest(Path dataset, String operation, Optional<String> groupBy, Optional<List<String>> sum,
        Path output) {

    /** The one operation this version knows. */
    static final String AGGREGATE = "aggregate";

    public CsvRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(groupBy, "groupBy");
        sum = Objects.requireNonNull(sum, "sum").map(List::copyOf);
        Objects.requireNonNull(output, "output");
    }
}
