package dev.blixard.examples.csv;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CsvReaderTest {

    private static List<CsvRecord> read(String text, int maxChars) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), maxChars)) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    private static List<CsvRecord> read(String text) throws IOException {
        return read(text, 1000);
    }

    @Test
    public void splitsPlainFieldsAndKeepsEmptyOnes() throws IOException {
        List<CsvRecord> records = read("a,b,c\n1,,3\n,,\n");
        assertEquals(List.of("a", "b", "c"), records.get(0).fields());
        assertEquals(List.of("1", "", "3"), records.get(1).fields());
        assertEquals(List.of("", "", ""), records.get(2).fields());
        assertEquals(3, records.size());
    }

    @Test
    public void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvRecord> records = read("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\",\"crlf\r\nkept\"\r\nnext,1,2,3\r\n");
        assertEquals(List.of("x, y", "say \"hi\"", "two\nlines", "crlf\r\nkept"), records.get(0).fields());
        assertEquals(List.of("next", "1", "2", "3"), records.get(1).fields());
        assertEquals("the second record starts on line 4: two line breaks are inside quotes", 4, records.get(1).line());
    }

    @Test
    public void emptyQuotedFieldAndLoneQuoteValue() throws IOException {
        assertEquals(List.of("", "\"", "a"), read("\"\",\"\"\"\",a").get(0).fields());
    }

    @Test
    public void skipsEmptyLinesButCountsThem() throws IOException {
        List<CsvRecord> records = read("h\n\n\r\n1\r\r2");
        assertEquals(3, records.size());
        assertEquals(List.of("1"), records.get(1).fields());
        assertEquals(4, records.get(1).line());
        assertEquals("a lone CR ends a line too", 6, records.get(2).line());
    }

    @Test
    public void lastRecordNeedsNoLineBreakAndByteOrderMarkIsDropped() throws IOException {
        List<CsvRecord> records = read("\uFEFFregion,amount\nnorth,1");
        assertEquals(List.of("region", "amount"), records.get(0).fields());
        assertEquals(List.of("north", "1"), records.get(1).fields());
    }

    @Test
    public void strayQuoteSpoilsOnlyItsRecord() throws IOException {
        List<CsvRecord> records = read("a,b\"c\n\"x\"y,z\nok,1\n");
        assertTrue(records.get(0).error(), records.get(0).error().contains("quote inside an unquoted field"));
        assertTrue(records.get(0).fields().isEmpty());
        assertTrue(records.get(1).error(), records.get(1).error().contains("follows a closing quote"));
        assertNull(records.get(2).error());
        assertEquals(List.of("ok", "1"), records.get(2).fields());
    }

    @Test
    public void unclosedQuoteRunsToTheEndAndIsReported() throws IOException {
        List<CsvRecord> records = read("h\n\"never closed,\nmore\nlines");
        assertEquals(2, records.size());
        assertTrue(records.get(1).malformed());
        assertTrue(records.get(1).error().contains("not closed"));
    }

    @Test
    public void overlongRecordIsMalformedAndReadingGoesOn() throws IOException {
        List<CsvRecord> records = read("short\n" + "x".repeat(50) + "\nafter\n", 20);
        assertNull(records.get(0).error());
        assertTrue(records.get(1).error().contains("longer than 20 characters"));
        assertEquals(List.of("after"), records.get(2).fields());
    }
}
