package dev.blixard.store.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.store.Statement;
import dev.blixard.store.StatementResult;
import dev.blixard.store.WriteBatch;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** The log format: what one node writes, every node must read back exactly. */
public class BatchCodecTest {

    @Test
    public void everyValueTypeSurvivesARoundTrip() throws IOException {
        byte[] blob = {0, 1, -1, 127, -128};
        Statement statement = Statement.of("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                null, Long.MIN_VALUE, Long.MAX_VALUE, -0.0d, Double.NaN, "", "zürich ✓ 𝄞", blob, new byte[0]);

        Statement decoded = roundTrip(List.of(WriteBatch.of(statement))).get(0).statements().get(0);

        assertEquals(statement.sql(), decoded.sql());
        List<Object> values = decoded.parameters();
        assertEquals(9, values.size());
        assertNull(values.get(0));
        assertEquals(Long.MIN_VALUE, values.get(1));
        assertEquals(Long.MAX_VALUE, values.get(2));
        assertEquals("the sign of -0.0 is kept", Double.doubleToRawLongBits(-0.0d),
                Double.doubleToRawLongBits((Double) values.get(3)));
        assertTrue(((Double) values.get(4)).isNaN());
        assertEquals("", values.get(5));
        assertEquals("zürich ✓ 𝄞", values.get(6));
        assertArrayEquals(blob, (byte[]) values.get(7));
        assertArrayEquals(new byte[0], (byte[]) values.get(8));
    }

    @Test
    public void batchesAndStatementsKeepTheirOrder() throws IOException {
        WriteBatch first = WriteBatch.of(Statement.of("CREATE TABLE a (x)"), Statement.of("INSERT INTO a VALUES (?)", 1));
        WriteBatch second = WriteBatch.of(Statement.of("DELETE FROM a WHERE x = ?", 1));

        List<WriteBatch> decoded = roundTrip(List.of(first, second));

        assertEquals(2, decoded.size());
        assertEquals(first, decoded.get(0));
        assertEquals(second, decoded.get(1));
    }

    @Test
    public void outcomesOfEveryKindSurviveARoundTrip() throws IOException {
        StatementResult returning = new StatementResult(2, List.of(7L, 8L), List.of("id", "name", "score", "raw", "gone"),
                List.of(Arrays.asList(7L, "a", 1.5d, new byte[] {9}, null), Arrays.asList(8L, "b", -2.0d, new byte[0], null)));
        StatementResult plain = new StatementResult(0, List.of(), List.of(), List.of());
        BatchOutcome applied = BatchOutcome.applied(List.of(returning, plain));
        BatchOutcome failed = BatchOutcome.failed(new BatchOutcome.Failure(3, 2067, "UNIQUE constraint failed: t.name"));

        List<BatchOutcome> decoded = BatchCodec.decodeOutcomes((
                BatchCodec.encodeOutcomes(List.of(applied, failed, BatchOutcome.SKIPPED))));

        assertEquals(3, decoded.size());
        StatementResult result = decoded.get(0).results().get(0);
        assertEquals(2, result.rowsAffected());
        assertEquals(List.of(7L, 8L), result.generatedKeys());
        assertEquals(returning.columns(), result.columns());
        List<Object> row = result.rows().get(0);
        assertEquals(List.of(7L, "a", 1.5d), row.subList(0, 3));
        assertArrayEquals(new byte[] {9}, (byte[]) row.get(3));
        assertNull(row.get(4));
        assertEquals(plain, decoded.get(0).results().get(1));
        assertEquals(failed, decoded.get(1));
        assertSame("skipped decodes to the shared constant", BatchOutcome.SKIPPED, decoded.get(2));
    }

    @Test
    public void anEntryOfAnUnknownVersionIsRefusedNotMisread() {
        byte[] entry = BatchCodec.encodeGroup(List.of(BatchCodec.encodeBatch(WriteBatch.of(Statement.of("SELECT 1")))));
        entry[0] = (byte) (BatchCodec.VERSION + 1);

        try {
            BatchCodec.decodeBatches((entry));
            fail("an entry of version " + entry[0] + " was read");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unsupported entry format version " + (BatchCodec.VERSION + 1)));
        }
    }

    @Test
    public void outcomesOfAnUnknownVersionAreRefused() {
        byte[] outcomes = BatchCodec.encodeOutcomes(List.of(BatchOutcome.SKIPPED));
        outcomes[0] = 9;

        try {
            BatchCodec.decodeOutcomes((outcomes));
            fail("outcomes of version 9 were read");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("version 9"));
        }
    }

    @Test
    public void anUnknownValueTagIsRefused() {
        byte[] entry = BatchCodec.encodeGroup(List.of(BatchCodec.encodeBatch(WriteBatch.of(Statement.of("SELECT ?", 1L)))));
        // The tag of the only value sits right before its eight bytes, at the end of the entry.
        entry[entry.length - 9] = 42;

        try {
            BatchCodec.decodeBatches((entry));
            fail("a value with tag 42 was read");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown value tag 42"));
        }
    }

    @Test
    public void aTruncatedEntryIsRefused() {
        byte[] entry = BatchCodec.encodeGroup(List.of(BatchCodec.encodeBatch(WriteBatch.of(Statement.of("SELECT ?", "x")))));

        try {
            BatchCodec.decodeBatches((Arrays.copyOf(entry, entry.length - 1)));
            fail("a truncated entry was read");
        } catch (IOException expected) {
            // EOFException: the entry ended inside a value
        }
    }

    private static List<WriteBatch> roundTrip(List<WriteBatch> batches) throws IOException {
        List<byte[]> encoded = batches.stream().map(BatchCodec::encodeBatch).toList();
        return BatchCodec.decodeBatches((BatchCodec.encodeGroup(encoded)));
    }

    @Test
    public void entriesOfTheFirstFormatStillDecode() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(BatchCodec.VERSION_INLINE_SQL);
            out.writeInt(1);
            out.writeInt(2);
            for (long value : new long[] {7, 8}) {
                byte[] sql = "INSERT INTO t VALUES (?)".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(sql.length);
                out.write(sql);
                out.writeInt(1);
                out.writeByte(1);
                out.writeLong(value);
            }
        }
        List<WriteBatch> batches = BatchCodec.decodeBatches((bytes.toByteArray()));
        assertEquals(List.of(Statement.of("INSERT INTO t VALUES (?)", 7L), Statement.of("INSERT INTO t VALUES (?)", 8L)),
                batches.get(0).statements());
    }

    @Test
    public void aRepeatedStatementCarriesItsTextOnce() throws IOException {
        String sql = "INSERT INTO jobs VALUES (?, ?, ?)";
        List<Statement> statements = new java.util.ArrayList<>();
        for (long i = 0; i < 100; i++) {
            statements.add(Statement.of(sql, i, i, i));
        }
        byte[] encoded = BatchCodec.encodeBatch(new WriteBatch(statements));
        assertTrue("100 statements of 3 longs, text once: " + encoded.length,
                encoded.length < sql.length() * 2 + 100 * (8 + 3 * 9));
        assertEquals(statements, roundTrip(List.of(new WriteBatch(statements))).get(0).statements());
    }
}
