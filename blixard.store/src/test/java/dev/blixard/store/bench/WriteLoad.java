package dev.blixard.store.bench;

import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's write load, run inside a store member's JVM as blixard.core would run it: {@code writers}
 * threads, each writing one ~100-byte INSERT at a time and waiting for its acknowledgement before the next.
 * Latency is from the call to the acknowledgement; only writes acknowledged inside the measured window
 * count.
 */
public final class WriteLoad {
    /** The benchmark's table; created (if missing) through the log like any write. */
    public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS bench (id INTEGER PRIMARY KEY, "
            + "writer INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT NOT NULL)";
    private static final String INSERT = "INSERT INTO bench (writer, n, payload) VALUES (?, ?, ?)";
    /** With the SQL text and the two numbers, an encoded batch comes to about 150 bytes, ~100 of them payload. */
    private static final String PAYLOAD = "payload-".repeat(12).substring(0, 96);
    private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final long WRITE_DEADLINE_SECONDS = 60;

    private WriteLoad() {
    }

    /** What one run measured. Latencies in milliseconds. */
    public record Result(int writers, long writes, long failures, double seconds, long entries, double p50Ms,
            double p99Ms, double maxMs) {

        public double writesPerSecond() {
            return writes / seconds;
        }

        /** Writes per log entry: what group commit achieved. */
        public double writesPerEntry() {
            return entries == 0 ? 0 : (double) writes / entries;
        }

        /** One line of numbers, how a member sends its result to the benchmark over the node protocol. */
        public String toWire() {
            return String.format(Locale.ROOT, "%d %d %d %.6f %d %.3f %.3f %.3f", writers, writes, failures, seconds,
                    entries, p50Ms, p99Ms, maxMs);
        }

        public static Result fromWire(String line) {
            String[] v = line.trim().split(" ");
            return new Result(Integer.parseInt(v[0]), Long.parseLong(v[1]), Long.parseLong(v[2]),
                    Double.parseDouble(v[3]), Long.parseLong(v[4]), Double.parseDouble(v[5]), Double.parseDouble(v[6]),
                    Double.parseDouble(v[7]));
        }

        public String toJson() {
            return String.format(Locale.ROOT, "{\"writers\":%d,\"writes\":%d,\"failures\":%d,\"seconds\":%.3f,"
                    + "\"writes_per_s\":%.1f,\"entries\":%d,\"writes_per_entry\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
                    + "\"max_ms\":%.3f}", writers, writes, failures, seconds, writesPerSecond(), entries, writesPerEntry(),
                    p50Ms, p99Ms, maxMs);
        }
    }

    /** Runs {@code writers} writers for {@code warmup} (not counted), then for {@code measure}. */
    public static Result run(ReplicatedDatabase database, int writers, Duration warmup, Duration measure) {
        await(database.write(WriteBatch.of(Statement.of(CREATE_TABLE))).toCompletableFuture());
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Writer> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Writer writer = new Writer(database, w, measureFrom, measureTo, firstFailure);
            running.add(writer);
            writer.start();
        }
        awaitTime(measureFrom);
        long indexAtStart = database.status().appliedIndex();
        awaitTime(measureTo);
        long indexAtEnd = database.status().appliedIndex();
        Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
        long writes = 0;
        long failures = 0;
        for (Writer writer : running) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(WRITE_DEADLINE_SECONDS + 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the writers");
            }
            latencies.add(writer.latencies);
            writes += writer.acknowledged;
            failures += writer.failures;
        }
        if (firstFailure.get() != null) {
            System.err.println("store-bench: " + failures + " writes failed; the first: " + firstFailure.get());
        }
        return new Result(writers, writes, failures, measure.toNanos() / 1e9, indexAtEnd - indexAtStart,
                latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                latencies.getMaxValue() / 1000.0);
    }

    /**
     * Stores {@code rows} more rows in the benchmark table, in batches of 1,000, as fast as the store takes
     * them.
     *
     * @return the time it took, in milliseconds
     */
    public static long fill(ReplicatedDatabase database, long rows) {
        await(database.write(WriteBatch.of(Statement.of(CREATE_TABLE))).toCompletableFuture());
        long start = System.nanoTime();
        int perBatch = 1_000;
        int threads = 4;
        AtomicLong remaining = new AtomicLong(rows);
        List<Thread> fillers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = -1 - t;
            Thread filler = new Thread(() -> {
                long taken;
                while ((taken = Math.min(perBatch, remaining.getAndAdd(-perBatch))) > 0) {
                    List<Statement> statements = new ArrayList<>((int) taken);
                    for (int i = 0; i < taken; i++) {
                        statements.add(Statement.of(INSERT, writer, i, PAYLOAD));
                    }
                    await(database.write(new WriteBatch(statements)).toCompletableFuture());
                }
            }, "store-bench-fill-" + t);
            fillers.add(filler);
            filler.start();
        }
        for (Thread filler : fillers) {
            try {
                filler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while filling");
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** One writer thread: a write at a time, latency recorded for writes acknowledged inside the window. */
    private static final class Writer extends Thread {
        private final ReplicatedDatabase database;
        private final long writer;
        private final long measureFrom;
        private final long measureTo;
        private final AtomicReference<Throwable> firstFailure;
        final Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
        long acknowledged;
        long failures;

        Writer(ReplicatedDatabase database, int writer, long measureFrom, long measureTo,
                AtomicReference<Throwable> firstFailure) {
            super("store-bench-writer-" + writer);
            setDaemon(true);
            this.database = database;
            this.writer = writer;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.firstFailure = firstFailure;
        }

        @Override
        public void run() {
            for (long n = 0; ; n++) {
                long sent = System.nanoTime();
                if (sent >= measureTo) {
                    return;
                }
                try {
                    database.write(WriteBatch.of(Statement.of(INSERT, writer, n, PAYLOAD))).toCompletableFuture()
                            .get(WRITE_DEADLINE_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    failures++;
                    firstFailure.compareAndSet(null, e instanceof ExecutionException ? e.getCause() : e);
                    continue;
                } catch (InterruptedException e) {
                    return;
                }
                long done = System.nanoTime();
                if (done >= measureFrom && done < measureTo) {
                    acknowledged++;
                    latencies.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (done - sent) / 1000)));
                }
            }
        }
    }

    private static void await(java.util.concurrent.CompletableFuture<?> write) {
        try {
            write.get(WRITE_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark write failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a benchmark write took over " + WRITE_DEADLINE_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Waits for a point in time: the load runs meanwhile, so this is the measurement window, not a race. */
    private static void awaitTime(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
    }
}
