package dev.blixard.examples.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180) one record at a time, so a file of any size costs one record's memory: fields
 * separated by commas, records by CRLF, LF or CR; a field in double quotes may hold commas, line breaks
 * and doubled quotes ({@code ""} for one {@code "}). Lines with nothing on them are skipped; a UTF-8 byte
 * order mark before the header is dropped.
 *
 * <p>A malformed record (a stray quote, text after a closing quote, an unclosed quote at the end, or more
 * than the configured number of characters) is returned with its error instead of its fields, and
 * reading goes on with the next record, so one bad line does not spoil the file. Its characters are
 * scanned but not kept, which bounds memory even when an unclosed quote swallows the rest of the file.
 * Not thread-safe.
 */
final class CsvReader implements Closeable {
    private static final int EOF = -1;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;

    /**
     * @param in the text to read; closed by {@link #close()}
     * @param maxRecordChars the longest record kept; longer ones are reported malformed
     */
    CsvReader(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /** @return the next record, or {@code null} at the end of the text */
    CsvRecord next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == BYTE_ORDER_MARK) {
                c = read();
            }
        }
        while (c == '\r' || c == '\n') {
            endOfLine(c);
            c = read();
        }
        return c == EOF ? null : record(c);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads one record whose first character is {@code c}; consumes its line break. */
    private CsvRecord record(int c) throws IOException {
        long start = line;
        RecordBuilder record = new RecordBuilder();
        boolean quoted = false;
        while (true) {
            if (c == EOF) {
                if (quoted) {
                    record.error("a quoted field is not closed before the end of the file");
                }
                return record.finish(start);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        record.append('"');
                    } else {
                        quoted = false;
                        record.closeQuote();
                    }
                } else {
                    if (c == '\r' || c == '\n') {
                        // A line break inside quotes is data; keep CRLF whole and count the line.
                        if (c == '\r' && peek() == '\n') {
                            record.append((char) c);
                            c = read();
                        }
                        line++;
                    }
                    record.append((char) c);
                }
            } else if (c == ',') {
                record.endField();
            } else if (c == '\r' || c == '\n') {
                endOfLine(c);
                return record.finish(start);
            } else if (c == '"' && record.atFieldStart()) {
                quoted = true;
            } else if (record.afterClosingQuote()) {
                record.error("text follows a closing quote on line " + line);
            } else if (c == '"') {
                record.error("a quote inside an unquoted field on line " + line + " (quote the whole field)");
            } else {
                record.append((char) c);
            }
            c = read();
        }
    }

    /** Consumes the rest of a line break that began with {@code c}. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int read() throws IOException {
        int c = peek();
        if (c != EOF) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            int count = in.read(buffer, 0, buffer.length);
            if (count <= 0) {
                return EOF;
            }
            position = 0;
            limit = count;
        }
        return buffer[position];
    }

    /** The fields of the record being read, and the first thing wrong with it. */
    private final class RecordBuilder {
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private boolean fieldStarted;
        private boolean closedQuote;
        private long chars;
        private String error;

        void append(char c) {
            fieldStarted = true;
            if (++chars > maxRecordChars) {
                error("the record is longer than " + maxRecordChars + " characters");
            } else if (error == null) {
                field.append(c);
            }
        }

        boolean atFieldStart() {
            return !fieldStarted && !closedQuote;
        }

        void closeQuote() {
            fieldStarted = true;
            closedQuote = true;
        }

        boolean afterClosingQuote() {
            return closedQuote;
        }

        void endField() {
            if (error == null) {
                fields.add(field.toString());
            }
            field.setLength(0);
            fieldStarted = false;
            closedQuote = false;
        }

        /** Keeps the first error: it is the cause, later ones are its echoes. */
        void error(String message) {
            if (error == null) {
                error = message;
                field.setLength(0);
                fields.clear();
            }
        }

        CsvRecord finish(long start) {
            endField();
            return error == null ? new CsvRecord(start, fields, null) : new CsvRecord(start, List.of(), error);
        }
    }
}
