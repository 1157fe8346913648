package dev.blixard.examples.csv;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CsvAggregationTest {
    private static final CsvSettings SETTINGS = new CsvSettings(Optional.empty(), 1000, 1 << 16);
    private static final Interruption NEVER = () -> null;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private CsvRequest request(Path dataset, Path output, Optional<String> groupBy, Optional<List<String>> sum) {
        return new CsvRequest(dataset, CsvRequest.AGGREGATE, groupBy, sum, output);
    }

    @Test
    public void sumsNamedColumnsAndSkipsBadRowsWithReasons() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path output = dir.resolve("summary.csv");
        AggregationReport report = new CsvAggregation(request(Fixtures.sales(dir), output, Optional.of("region"),
                Optional.of(List.of("amount", "units"))), SETTINGS, NEVER).run();

        assertEquals("region,amount,units,count\r\n"
                + "east,3.10,2,1\r\n"
                + "north,112.50,4,2\r\n"
                + "south,8.00,6,2\r\n"
                + "west,1.00,1,1\r\n", Files.readString(output));
        assertEquals(8, report.rowsRead());
        assertEquals(6, report.rowsAggregated());
        assertEquals(2, report.rowsSkipped());
        assertEquals(List.of("line 10: column \"amount\" holds \"n/a\", not a number",
                "line 11: has 4 fields, the header has 5"), report.skippedReasons());
        assertEquals(4, report.groups());
        assertEquals(Files.size(output), report.bytesWritten());
    }

    @Test
    public void byDefaultGroupsByTheFirstColumnAndSumsOnlyAllNumericColumns() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path output = dir.resolve("summary.csv");
        AggregationReport report = new CsvAggregation(request(Fixtures.sales(dir), output, Optional.empty(),
                Optional.empty()), SETTINGS, NEVER).run();

        assertEquals("region", report.groupBy());
        assertEquals("amount holds n/a on line 10, so only units stays", List.of("units"), report.summed());
        assertEquals(Map.of("product", 2L, "amount", 10L, "note", 2L), report.droppedColumns());
        assertEquals("region,units,count\r\neast,2,1\r\nnorth,5,3\r\nsouth,6,2\r\nwest,1,1\r\n",
                Files.readString(output));
        assertEquals("only the row with the wrong field count is skipped", 1, report.rowsSkipped());
    }

    @Test
    public void sumsExactlyAndQuotesKeysThatNeedIt() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path dataset = Files.writeString(dir.resolve("in.csv"), "k,v\n\"a,b\",0.1\n\"a,b\",0.2\n\"q\"\"\",1e2\n");
        Path output = dir.resolve("out.csv");
        new CsvAggregation(request(dataset, output, Optional.empty(), Optional.empty()), SETTINGS, NEVER).run();
        assertEquals("k,v,count\r\n\"a,b\",0.3,2\r\n\"q\"\"\",100,1\r\n", Files.readString(output));
    }

    @Test
    public void failsWhenNoRowCanBeUsed() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path dataset = Files.writeString(dir.resolve("in.csv"), "k,v\na,x\nb\n");
        try {
            new CsvAggregation(request(dataset, dir.resolve("out.csv"), Optional.empty(), Optional.of(List.of("v"))),
                    SETTINGS, NEVER).run();
            fail("no usable row");
        } catch (BadDatasetException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("none of the 2 rows"));
            assertTrue(e.getMessage(), e.getMessage().contains("line 2: column \"v\" holds \"x\""));
        }
        assertEquals(List.of("in.csv"), Fixtures.files(dir));
    }

    @Test
    public void headerOnlyGivesAnEmptySummaryButAnEmptyFileFails() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "k,v\n");
        Path output = dir.resolve("out.csv");
        AggregationReport report = new CsvAggregation(request(headerOnly, output, Optional.empty(),
                Optional.of(List.of("v"))), SETTINGS, NEVER).run();
        assertEquals(0, report.groups());
        assertEquals("k,v,count\r\n", Files.readString(output));

        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        expectBad(request(empty, output, Optional.empty(), Optional.empty()), "is empty");
    }

    @Test
    public void unknownColumnsAndTooManyGroupsAreBadDatasets() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path dataset = Fixtures.generated(dir.resolve("in.csv"), 10, 5);
        Path output = dir.resolve("out.csv");
        expectBad(request(dataset, output, Optional.of("region"), Optional.empty()),
                "group_by column \"region\" is not in the header [key, value]");
        expectBad(request(dataset, output, Optional.empty(), Optional.of(List.of("amount"))),
                "sum column \"amount\" is not in the header");
        try {
            new CsvAggregation(request(dataset, output, Optional.empty(), Optional.empty()),
                    new CsvSettings(Optional.empty(), 4, 100), NEVER).run();
            fail("five groups, four allowed");
        } catch (BadDatasetException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("at most 4 groups"));
        }
    }

    @Test
    public void aFailedRunLeavesTheOldOutputAndNoTemporaryFile() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path output = Files.writeString(dir.resolve("out.csv"), "old summary\n");
        Path dataset = Files.writeString(dir.resolve("in.csv"), "k,v\na,x\n");
        expectBad(request(dataset, output, Optional.empty(), Optional.of(List.of("v"))), "none of the 1 rows");
        assertEquals("old summary\n", Files.readString(output));
        assertEquals(List.of("in.csv", "out.csv"), Fixtures.files(dir));
    }

    @Test
    public void replacesAnExistingOutputWhole() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path output = Files.writeString(dir.resolve("out.csv"), "old summary\n");
        Path dataset = Fixtures.generated(dir.resolve("in.csv"), 4, 2);
        new CsvAggregation(request(dataset, output, Optional.empty(), Optional.empty()), SETTINGS, NEVER).run();
        assertEquals("key,value,count\r\nk0,2,2\r\nk1,4,2\r\n", Files.readString(output));
        assertEquals(List.of("in.csv", "out.csv"), Fixtures.files(dir));
    }

    @Test
    public void cancellationStopsWithinOneCheckIntervalAndWritesNothing() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path dataset = Fixtures.generated(dir.resolve("big.csv"), 100_000, 10);
        Path output = dir.resolve("out.csv");
        AtomicInteger checks = new AtomicInteger();
        Interruption cancelOnThirdCheck = () -> checks.incrementAndGet() >= 3 ? RunInterruption.CANCELLED : null;
        CsvAggregation aggregation = new CsvAggregation(request(dataset, output, Optional.empty(), Optional.empty()),
                SETTINGS, cancelOnThirdCheck);
        try {
            aggregation.run();
            fail("cancelled");
        } catch (StoppedException e) {
            assertEquals("cancelled", e.getMessage());
            assertFalse(e.stop().retryable());
        }
        assertEquals(3, checks.get());
        assertEquals(3L * CsvAggregation.CHECK_EVERY, aggregation.rowsRead());
        assertEquals(List.of("big.csv"), Fixtures.files(dir));
    }

    @Test
    public void cancellationWhileWritingRemovesTheTemporaryFile() throws Exception {
        Path dir = folder.getRoot().toPath();
        int groups = 3 * CsvAggregation.CHECK_EVERY;
        Path dataset = Fixtures.generated(dir.resolve("wide.csv"), groups, groups);
        AtomicInteger checks = new AtomicInteger();
        // Reading the rows takes 3 checks (one every CHECK_EVERY rows) and one before writing; the 5th is in the writer.
        Interruption cancelWhileWriting = () -> checks.incrementAndGet() >= 5 ? RunInterruption.CANCELLED : null;
        try {
            new CsvAggregation(request(dataset, dir.resolve("out.csv"), Optional.empty(), Optional.empty()), SETTINGS,
                    cancelWhileWriting).run();
            fail("cancelled");
        } catch (StoppedException e) {
            assertEquals(5, checks.get());
        }
        assertEquals(List.of("wide.csv"), Fixtures.files(dir));
    }

    @Test
    public void resultJsonCarriesTheCounts() throws Exception {
        Path dir = folder.getRoot().toPath();
        Path output = dir.resolve("summary.csv");
        AggregationReport report = new CsvAggregation(request(Fixtures.sales(dir), output, Optional.of("region"),
                Optional.of(List.of("amount"))), SETTINGS, NEVER).run();
        var json = new ObjectMapper().readTree(report.toJson(new ObjectMapper(), "1.2.3"));
        assertEquals("1.2.3", json.get("processor_version").asText());
        assertEquals(8, json.get("rows_read").asLong());
        assertEquals(2, json.get("rows_skipped").asLong());
        assertEquals(2, json.get("skipped_reasons").size());
        assertFalse(json.get("skipped_reasons_truncated").asBoolean());
        assertEquals(4, json.get("groups").asInt());
        assertEquals(output.toString(), json.get("output").asText());
        assertEquals(Files.size(output), json.get("bytes_written").asLong());
        assertTrue(json.get("duration_ms").asLong() >= 0);
    }

    private void expectBad(CsvRequest request, String message) throws IOException, StoppedException {
        try {
            new CsvAggregation(request, SETTINGS, NEVER).run();
            fail("expected a bad dataset: " + message);
        } catch (BadDatasetException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }
}
