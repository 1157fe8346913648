package dev.blixard.backend.wasm;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A cursor over WebAssembly binary data: the LEB128 integers, names and raw spans the binary format is made
 * of. Every read checks its bounds, so a truncated or hostile module fails with an {@link InvalidModuleException}
 * naming the offset, never with an index error.
 */
final class WasmReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    WasmReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    WasmReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= end;
    }

    int remaining() {
        return end - position;
    }

    byte[] source() {
        return bytes;
    }

    int readByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    int peekByte() {
        need(1);
        return bytes[position] & 0xFF;
    }

    /** An unsigned 32-bit LEB128 integer (indices, counts, sizes), as a non-negative long. */
    long readU32() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xFFFF_FFFFL) {
                    throw fail("an unsigned 32-bit integer is out of range");
                }
                return result;
            }
        }
        throw fail("an unsigned 32-bit integer is longer than 5 bytes");
    }

    /** A count or index that must fit a Java int (module sizes are bounded far below 2 GiB). */
    int readIndex() {
        long value = readU32();
        if (value > Integer.MAX_VALUE) {
            throw fail("an index or count of " + value + " is beyond what this node accepts");
        }
        return (int) value;
    }

    /** A signed LEB128 integer of up to {@code bits} bits (32, 33 or 64). */
    long readSigned(int bits) {
        long result = 0;
        int shift = 0;
        int b;
        int maxBytes = (bits + 6) / 7;
        int count = 0;
        do {
            if (++count > maxBytes) {
                throw fail("a signed integer is longer than " + maxBytes + " bytes");
            }
            b = readByte();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    void skip(int count) {
        need(count);
        position += count;
    }

    String readName() {
        int length = readIndex();
        need(length);
        try {
            String name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length)).toString();
            position += length;
            return name;
        } catch (CharacterCodingException e) {
            throw fail("a name is not valid UTF-8");
        }
    }

    /** A reader over the next {@code length} bytes, which this reader skips. */
    WasmReader slice(int length) {
        need(length);
        WasmReader slice = new WasmReader(bytes, position, position + length);
        position += length;
        return slice;
    }

    InvalidModuleException fail(String problem) {
        return new InvalidModuleException(problem + " (at byte " + position + ")");
    }

    private void need(int count) {
        if (count < 0 || count > end - position) {
            throw fail("the module ends early");
        }
    }
}
