package dev.blixard.examples.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one aggregation did, returned to the client as the job's result.
 *
 * @param rowsRead data rows read (the header and empty lines not counted)
 * @param rowsAggregated rows that went into the summary
 * @param rowsSkipped rows left out
 * @param skippedReasons the reasons of the first {@value SkippedRows#MAX_REASONS} skipped rows
 * @param groups rows of the summary
 * @param groupBy the group column
 * @param summed the summed columns in the summary
 * @param droppedColumns columns a default summary leaves out, with the line of their first non-number
 *        (reported as {@code not_summed})
 * @param output the summary written
 * @param bytesWritten its size
 * @param durationMillis how long the run took
 */
record AggregationReport(long rowsRead, long rowsAggregated, long rowsSkipped, List<String> skippedReasons,
        int groups, String groupBy, List<String> summed, Map<String, Long> droppedColumns, Path output,
        long bytesWritten, long durationMillis) {

    AggregationReport {
        skippedReasons = List.copyOf(skippedReasons);
        summed = List.copyOf(summed);
        droppedColumns = Map.copyOf(droppedColumns);
    }

    /**
     * @param processorVersion the version of the bundle that ran the job, so a result says which code made it
     *        (a jar replaced at runtime runs the next job in its new version)
     * @return the result document, with snake_case keys like the rest of Blixard's JSON
     */
    String toJson(ObjectMapper mapper, String processorVersion) {
        ObjectNode json = mapper.createObjectNode();
        json.put("operation", CsvRequest.AGGREGATE);
        json.put("processor_version", processorVersion);
        json.put("rows_read", rowsRead);
        json.put("rows_aggregated", rowsAggregated);
        json.put("rows_skipped", rowsSkipped);
        skippedReasons.forEach(json.putArray("skipped_reasons")::add);
        json.put("skipped_reasons_truncated", rowsSkipped > skippedReasons.size());
        json.put("groups", groups);
        json.put("group_by", groupBy);
        summed.forEach(json.putArray("summed")::add);
        ObjectNode dropped = json.putObject("not_summed");
        droppedColumns.forEach((column, line) -> dropped.put(column, "not a number on line " + line));
        json.put("output", output.toString());
        json.put("bytes_written", bytesWritten);
        json.put("duration_ms", durationMillis);
        return json.toString();
    }
}
