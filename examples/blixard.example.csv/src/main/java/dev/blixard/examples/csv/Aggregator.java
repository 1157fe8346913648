package dev.blixard.examples.csv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Groups the records of one CSV file by a column and sums other columns, one record at a time. Holds one
 * entry per group, never the rows. Which columns are summed:
 * <ul>
 * <li>named ones ({@code sum}): a row with a cell that is not a number there is skipped, with the reason;
 * <li>by default, every column but the group column whose non-empty cells are all numbers: the first cell
 * that is not a number drops that column from the summary (rows are not skipped for it).
 * </ul>
 * Empty cells add nothing. Not thread-safe.
 */
final class Aggregator {
    private final String groupColumn;
    private final int groupIndex;
    private final List<String> sumColumns;
    private final int[] sumIndexes;
    private final boolean explicit;
    private final int headerSize;
    private final int maxGroups;
    private final SkippedRows skipped;
    /** Default mode: the line on which each dropped column first held a non-number. */
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final boolean[] numeric;
    private final boolean[] seenNumber;
    private final SortedMap<String, Group> groups = new TreeMap<>();
    private long rowsRead;
    private long rowsAggregated;

    private Aggregator(List<String> header, int groupIndex, List<String> sumColumns, boolean explicit, int maxGroups,
            SkippedRows skipped) {
        this.groupColumn = header.get(groupIndex);
        this.groupIndex = groupIndex;
        this.sumColumns = List.copyOf(sumColumns);
        this.sumIndexes = sumColumns.stream().mapToInt(header::indexOf).toArray();
        this.explicit = explicit;
        this.headerSize = header.size();
        this.maxGroups = maxGroups;
        this.skipped = skipped;
        this.numeric = new boolean[sumIndexes.length];
        this.seenNumber = new boolean[sumIndexes.length];
        Arrays.fill(numeric, true);
    }

    /**
     * @param header the column names of the file's first record
     * @param groupBy the group column; empty means the first column
     * @param sum the columns to sum; empty means every numeric column
     * @throws BadDatasetException naming a column the header lacks, or has twice
     */
    static Aggregator forHeader(List<String> header, Optional<String> groupBy, Optional<List<String>> sum,
            int maxGroups, SkippedRows skipped) throws BadDatasetException {
        String group = groupBy.orElse(header.get(0));
        int groupIndex = columnIndex(header, group, "group_by");
        List<String> columns;
        if (sum.isPresent()) {
            columns = sum.get();
            for (String column : columns) {
                columnIndex(header, column, "sum");
            }
        } else {
            columns = new ArrayList<>(header);
            columns.remove(groupIndex);
        }
        return new Aggregator(header, groupIndex, columns, sum.isPresent(), maxGroups, skipped);
    }

    private static int columnIndex(List<String> header, String column, String field) throws BadDatasetException {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new BadDatasetException(field + " column \"" + column + "\" is not in the header " + header);
        }
        if (header.lastIndexOf(column) != index) {
            throw new BadDatasetException(field + " column \"" + column + "\" appears twice in the header");
        }
        return index;
    }

    /**
     * Adds a data record, or counts it as skipped with its reason.
     *
     * @throws BadDatasetException when the record would make more groups than allowed
     */
    void add(CsvRecord record) throws BadDatasetException {
        rowsRead++;
        if (record.malformed()) {
            skipped.add(record.line(), record.error());
            return;
        }
        List<String> fields = record.fields();
        if (fields.size() != headerSize) {
            skipped.add(record.line(), "has " + fields.size() + " fields, the header has " + headerSize);
            return;
        }
        BigDecimal[] values = new BigDecimal[sumIndexes.length];
        for (int i = 0; i < sumIndexes.length; i++) {
            String cell = fields.get(sumIndexes[i]).trim();
            if (cell.isEmpty() || !numeric[i]) {
                continue;
            }
            values[i] = Numbers.parse(cell);
            if (values[i] != null) {
                seenNumber[i] = true;
            } else if (explicit) {
                skipped.add(record.line(), "column \"" + sumColumns.get(i) + "\" holds \"" + abbreviate(cell)
                        + "\", not a number");
                return;
            } else {
                numeric[i] = false;
                dropped.put(sumColumns.get(i), record.line());
            }
        }
        group(fields.get(groupIndex), record.line()).add(values);
        rowsAggregated++;
    }

    private Group group(String key, long line) throws BadDatasetException {
        Group group = groups.get(key);
        if (group == null) {
            if (groups.size() >= maxGroups) {
                throw new BadDatasetException("line " + line + " starts group number " + (maxGroups + 1)
                        + "; at most " + maxGroups + " groups are allowed");
            }
            group = new Group(sumIndexes.length);
            groups.put(key, group);
        }
        return group;
    }

    /** @return the columns of the summary: the group column, each summed column, then {@code count} */
    List<String> summaryHeader() {
        List<String> header = new ArrayList<>();
        header.add(groupColumn);
        header.addAll(summedColumns());
        header.add("count");
        return header;
    }

    /** @return the summary rows, by group in the order of their keys */
    Iterable<List<String>> summaryRows() {
        List<Integer> kept = keptIndexes();
        return () -> groups.entrySet().stream().map(entry -> entry.getValue().row(entry.getKey(), kept)).iterator();
    }

    /** @return the columns summed in the summary, in header order */
    List<String> summedColumns() {
        List<String> columns = new ArrayList<>();
        keptIndexes().forEach(i -> columns.add(sumColumns.get(i)));
        return columns;
    }

    /** Explicit columns are always kept; default ones only while all their cells were numbers, and some were. */
    private List<Integer> keptIndexes() {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < sumIndexes.length; i++) {
            if (explicit || (numeric[i] && seenNumber[i])) {
                kept.add(i);
            }
        }
        return kept;
    }

    String groupColumn() {
        return groupColumn;
    }

    /** @return default mode only: each column left out because a cell was not a number, with that line */
    Map<String, Long> droppedColumns() {
        return Collections.unmodifiableMap(dropped);
    }

    long rowsRead() {
        return rowsRead;
    }

    long rowsAggregated() {
        return rowsAggregated;
    }

    int groups() {
        return groups.size();
    }

    private static String abbreviate(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 40) + "…";
    }

    /** The running totals of one group. */
    private static final class Group {
        private final BigDecimal[] sums;
        private long count;

        Group(int columns) {
            sums = new BigDecimal[columns];
            Arrays.fill(sums, BigDecimal.ZERO);
        }

        void add(BigDecimal[] values) {
            count++;
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    sums[i] = sums[i].add(values[i]);
                }
            }
        }

        List<String> row(String key, List<Integer> kept) {
            List<String> row = new ArrayList<>(kept.size() + 2);
            row.add(key);
            kept.forEach(i -> row.add(sums[i].toPlainString()));
            row.add(Long.toString(count));
            return row;
        }
    }
}
