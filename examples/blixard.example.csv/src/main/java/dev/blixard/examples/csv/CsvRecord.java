package dev.blixard.examples.csv;

import java.util.List;

/**
 * One record of a CSV file as {@link CsvReader} found it.
 *
 * @param line the physical line (from 1) the record starts on, for messages
 * @param fields the field values, unquoted; empty when {@code error} is set
 * @param error why the record is malformed, or {@code null} when it is well-formed
 */
record CsvRecord(long line, List<String> fields, String error) {

    CsvRecord {
        fields = List.copyOf(fields);
    }

    boolean malformed() {
        return error != null;
    }
}
