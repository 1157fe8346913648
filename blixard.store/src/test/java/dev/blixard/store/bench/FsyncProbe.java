package dev.blixard.store.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures what an fsync costs on the disk under a directory: writes 4 KiB and forces it, again and again.
 * The store's throughput hangs on that cost (a log entry is durable only once forced), so a benchmark
 * says what the disk did while it ran: about 0.1 ms when idle here, milliseconds when busy.
 */
public final class FsyncProbe implements AutoCloseable {
    /** Above this median an fsync is slower than an idle disk of this kind gives: the disk was busy. */
    static final double BUSY_MEDIAN_MS = 0.5;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(4096);
    private final Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);

    public FsyncProbe(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve("fsync-probe.bin");
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    /** Writes one 4 KiB block (always the same one: the probe must not grow a file) and forces it. */
    public synchronized void sample() {
        block.clear();
        while (block.hasRemaining()) {
            block.put((byte) System.nanoTime());
        }
        block.flip();
        try {
            long start = System.nanoTime();
            channel.write(block, 0);
            channel.force(false);
            micros.recordValue(Math.max(1, Math.min(micros.getHighestTrackableValue(), (System.nanoTime() - start) / 1000)));
        } catch (IOException e) {
            throw new UncheckedIOException("fsync probe on " + file + " failed", e);
        }
    }

    /** Takes {@code count} samples back to back. */
    public FsyncProbe sample(int count) {
        for (int i = 0; i < count; i++) {
            sample();
        }
        return this;
    }

    public synchronized Summary summary() {
        return new Summary(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }

    /** Fsync latency in milliseconds. */
    public record Summary(long samples, double p50Ms, double p99Ms) {

        public boolean busy() {
            return p50Ms > BUSY_MEDIAN_MS;
        }

        public String toJson() {
            return String.format(Locale.ROOT, "{\"samples\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"disk\":\"%s\"}",
                    samples, p50Ms, p99Ms, busy() ? "busy" : "idle");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms over %d fsyncs: %s", p50Ms, p99Ms, samples,
                    busy() ? "busy" : "idle");
        }
    }
}
