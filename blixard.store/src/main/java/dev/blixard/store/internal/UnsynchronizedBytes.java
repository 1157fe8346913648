package dev.blixard.store.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Byte-array streams without the per-call locking of {@link java.io.ByteArrayOutputStream} and
 * {@link java.io.ByteArrayInputStream}: the codec writes and reads a log entry one int or long at a time,
 * always from one thread, and those locks were a visible share of encoding and apply time.
 */
final class UnsynchronizedBytes {

    private UnsynchronizedBytes() {
    }

    /** A growable byte array to write into. */
    static final class Output extends OutputStream {
        private byte[] bytes;
        private int size;

        Output(int initialCapacity) {
            bytes = new byte[Math.max(16, initialCapacity)];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        /** @return the bytes written: the buffer itself when they fill it exactly, else a copy */
        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /** Reads a byte array. */
    static final class Input extends InputStream {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= bytes.length) {
                return length == 0 ? 0 : -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return bytes.length - position;
        }
    }
}
