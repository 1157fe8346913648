package dev.blixard.store.internal;

import dev.blixard.store.Statement;
import dev.blixard.store.StatementResult;
import dev.blixard.store.WriteBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire and log format of write batches and their outcomes. A log entry carries every input of its
 * apply (SQL text and bound values), so apply is a pure function of the entry and the database.
 *
 * <p>Format (big-endian): a version byte, the number of batches, then the batches; values are tagged (null, long, double, text,
 * blob). Kept deliberately simple and explicit: log entries must stay readable across releases.
 *
 * <p>Version 2 (written now) gives each batch a dictionary of its distinct SQL texts, and each statement the
 * index of its text: a batch of a thousand inserts carries the insert's text once, not a thousand times.
 * Version 1 (the text inline with every statement) is still read, so logs written before stay replayable.
 */
final class BatchCodec {
    static final byte VERSION = 2;
    /** Every statement carries its SQL text. */
    static final byte VERSION_INLINE_SQL = 1;

    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte TEXT = 3;
    private static final byte BLOB = 4;

    private static final byte APPLIED = 0;
    private static final byte FAILED = 1;
    private static final byte SKIPPED = 2;

    private BatchCodec() {
    }

    /** Encodes one batch; done by the writing thread, so encoding runs in parallel across writers. */
    static byte[] encodeBatch(WriteBatch batch) {
        return write(batchSizeHint(batch), out -> {
            Map<String, Integer> texts = new LinkedHashMap<>();
            for (Statement statement : batch.statements()) {
                texts.putIfAbsent(statement.sql(), texts.size());
            }
            out.writeInt(texts.size());
            for (String text : texts.keySet()) {
                writeText(out, text);
            }
            out.writeInt(batch.statements().size());
            for (Statement statement : batch.statements()) {
                out.writeInt(texts.get(statement.sql()));
                out.writeInt(statement.parameters().size());
                for (Object value : statement.parameters()) {
                    writeValue(out, value);
                }
            }
        });
    }

    /** Joins encoded batches into the content of one log entry. */
    static byte[] encodeGroup(List<byte[]> encodedBatches) {
        int size = 1 + 4;
        for (byte[] batch : encodedBatches) {
            size += batch.length;
        }
        return write(size, out -> {
            out.writeByte(VERSION);
            out.writeInt(encodedBatches.size());
            for (byte[] batch : encodedBatches) {
                out.write(batch);
            }
        });
    }

    static List<WriteBatch> decodeBatches(byte[] entry) throws IOException {
        DataInputStream in = new DataInputStream(new UnsynchronizedBytes.Input(entry));
        byte version = checkVersion(in.readByte());
        int batchCount = in.readInt();
        List<WriteBatch> batches = new ArrayList<>(batchCount);
        for (int b = 0; b < batchCount; b++) {
            String[] texts = null;
            if (version != VERSION_INLINE_SQL) {
                texts = new String[in.readInt()];
                for (int t = 0; t < texts.length; t++) {
                    texts[t] = readText(in);
                }
            }
            int statementCount = in.readInt();
            List<Statement> statements = new ArrayList<>(statementCount);
            for (int s = 0; s < statementCount; s++) {
                String sql = texts == null ? readText(in) : text(texts, in.readInt());
                int parameterCount = in.readInt();
                List<Object> parameters = new ArrayList<>(parameterCount);
                for (int p = 0; p < parameterCount; p++) {
                    parameters.add(readValue(in));
                }
                statements.add(new Statement(sql, parameters));
            }
            batches.add(new WriteBatch(statements));
        }
        return batches;
    }

    static byte[] encodeOutcomes(List<BatchOutcome> outcomes) {
        return write(16 + 32 * outcomes.size(), out -> {
            out.writeByte(VERSION);
            out.writeInt(outcomes.size());
            for (BatchOutcome outcome : outcomes) {
                if (outcome.skipped()) {
                    out.writeByte(SKIPPED);
                } else if (outcome.failure() != null) {
                    out.writeByte(FAILED);
                    out.writeInt(outcome.failure().statementIndex());
                    out.writeInt(outcome.failure().sqliteCode());
                    writeText(out, outcome.failure().message());
                } else {
                    out.writeByte(APPLIED);
                    writeResults(out, outcome.results());
                }
            }
        });
    }

    static List<BatchOutcome> decodeOutcomes(byte[] reply) throws IOException {
        DataInputStream in = new DataInputStream(new UnsynchronizedBytes.Input(reply));
        checkVersion(in.readByte());
        int count = in.readInt();
        List<BatchOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            if (kind == SKIPPED) {
                outcomes.add(BatchOutcome.SKIPPED);
            } else if (kind == FAILED) {
                int statementIndex = in.readInt();
                int code = in.readInt();
                outcomes.add(BatchOutcome.failed(new BatchOutcome.Failure(statementIndex, code, readText(in))));
            } else {
                outcomes.add(BatchOutcome.applied(readResults(in)));
            }
        }
        return outcomes;
    }

    private static void writeResults(DataOutputStream out, List<StatementResult> results) throws IOException {
        out.writeInt(results.size());
        for (StatementResult result : results) {
            out.writeLong(result.rowsAffected());
            out.writeInt(result.generatedKeys().size());
            for (long key : result.generatedKeys()) {
                out.writeLong(key);
            }
            out.writeInt(result.columns().size());
            for (String column : result.columns()) {
                writeText(out, column);
            }
            out.writeInt(result.rows().size());
            for (List<Object> row : result.rows()) {
                for (Object value : row) {
                    writeValue(out, value);
                }
            }
        }
    }

    private static List<StatementResult> readResults(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<StatementResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long rowsAffected = in.readLong();
            int keyCount = in.readInt();
            List<Long> keys = new ArrayList<>(keyCount);
            for (int k = 0; k < keyCount; k++) {
                keys.add(in.readLong());
            }
            int columnCount = in.readInt();
            List<String> columns = new ArrayList<>(columnCount);
            for (int c = 0; c < columnCount; c++) {
                columns.add(readText(in));
            }
            int rowCount = in.readInt();
            List<List<Object>> rows = new ArrayList<>(rowCount);
            for (int r = 0; r < rowCount; r++) {
                List<Object> row = new ArrayList<>(columnCount);
                for (int c = 0; c < columnCount; c++) {
                    row.add(readValue(in));
                }
                rows.add(row);
            }
            results.add(new StatementResult(rowsAffected, keys, columns, rows));
        }
        return results;
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Double) {
            out.writeByte(DOUBLE);
            out.writeDouble((Double) value);
        } else if (value instanceof String) {
            out.writeByte(TEXT);
            writeText(out, (String) value);
        } else if (value instanceof byte[]) {
            out.writeByte(BLOB);
            out.writeInt(((byte[]) value).length);
            out.write((byte[]) value);
        } else {
            throw new IllegalArgumentException("cannot encode a " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case TEXT:
                return readText(in);
            case BLOB:
                byte[] blob = new byte[in.readInt()];
                in.readFully(blob);
                return blob;
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** @return the version, when this node reads it */
    private static byte checkVersion(byte version) throws IOException {
        if (version != VERSION && version != VERSION_INLINE_SQL) {
            throw new IOException("unsupported entry format version " + version + " (this node reads "
                    + VERSION_INLINE_SQL + " and " + VERSION + ")");
        }
        return version;
    }

    private static String text(String[] texts, int index) throws IOException {
        if (index < 0 || index >= texts.length) {
            throw new IOException("statement names SQL text " + index + " of a dictionary of " + texts.length);
        }
        return texts[index];
    }

    private interface Writer {
        void writeTo(DataOutputStream out) throws IOException;
    }

    /**
     * About the size of a batch's encoding: its SQL texts and parameters with their framing (texts used twice
     * are counted twice). A fixed starting buffer cost every write a 4 KiB array, three times on its way.
     */
    private static int batchSizeHint(WriteBatch batch) {
        int size = 8;
        for (Statement statement : batch.statements()) {
            size += 4 + statement.sql().length() + 8;
            for (Object value : statement.parameters()) {
                size += value instanceof String text ? 5 + text.length() : value instanceof byte[] blob ? 5 + blob.length : 9;
            }
        }
        return size;
    }

    /** Encodes into a buffer of {@code sizeHint} bytes to start with; it grows when the hint falls short. */
    private static byte[] write(int sizeHint, Writer writer) {
        UnsynchronizedBytes.Output bytes = new UnsynchronizedBytes.Output(sizeHint);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory encoding failed", e);
        }
        return bytes.toByteArray();
    }
}
