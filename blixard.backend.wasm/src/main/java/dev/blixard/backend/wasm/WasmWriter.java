package dev.blixard.backend.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds WebAssembly binary data: LEB128 integers, names, and length-prefixed sections. */
final class WasmWriter {

    private final ByteArrayOutputStream out;

    WasmWriter() {
        this(256);
    }

    WasmWriter(int initialCapacity) {
        out = new ByteArrayOutputStream(initialCapacity);
    }

    WasmWriter writeByte(int b) {
        out.write(b);
        return this;
    }

    WasmWriter writeBytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    WasmWriter writeBytes(byte[] bytes, int offset, int length) {
        out.write(bytes, offset, length);
        return this;
    }

    WasmWriter writeU32(long value) {
        long rest = value;
        do {
            int b = (int) (rest & 0x7F);
            rest >>>= 7;
            out.write(rest != 0 ? b | 0x80 : b);
        } while (rest != 0);
        return this;
    }

    WasmWriter writeSigned(long value) {
        long rest = value;
        while (true) {
            int b = (int) (rest & 0x7F);
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    WasmWriter writeName(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        writeU32(utf8.length);
        return writeBytes(utf8);
    }

    /** Writes {@code content} prefixed by its length, as sections, function bodies and subsections are. */
    WasmWriter writeSized(WasmWriter content) {
        writeU32(content.size());
        out.writeBytes(content.toByteArray());
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
