package dev.blixard.launcher.bench;

import dev.blixard.testing.JitActivity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The REST API under load from a separate process on loopback (run by {@code scripts/http-bench.sh}, which
 * starts the node): single submits, batch submits, a fixed rate of single submits for latency, and external
 * workers claiming and completing jobs. Prints one JSON line, then a table (progress on standard error).
 *
 * <p>Submitted jobs are of a worker type no agent of the node runs, so the figures are the API's and the
 * queue's, not a backend's; the external workers use a type of their own.
 */
public final class HttpBench {
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(10);
    private static final String SUBMIT = "{\"payload\": {\"n\": 1}, \"worker_types\": [\"bench\"]}";

    private final HttpLoad load;
    private final int runs;
    private final Duration runLength;
    private final Duration warmup;
    private final OptionalLong nodePid;
    private final int inFlight;
    private final int batch;
    private final int rate;
    private final int workers;
    private final int workerJobs;

    private HttpBench(Map<String, String> options) throws Exception {
        String token = Files.readString(Path.of(options.get("token-file"))).trim();
        this.load = new HttpLoad(URI.create(options.get("url")), token);
        this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        this.runLength = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        // The node's JIT compiles for minutes under load (Felix, Jetty, Ratis, SQLite's driver): figures taken
        // before that measure the compiler as much as the node. The warm-up is the longest it may take.
        this.warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "300")));
        this.nodePid = options.containsKey("node-pid") ? OptionalLong.of(Long.parseLong(options.get("node-pid")))
                : OptionalLong.empty();
        this.inFlight = Integer.parseInt(options.getOrDefault("inflight", "64"));
        this.batch = Integer.parseInt(options.getOrDefault("batch", "100"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        this.workers = Integer.parseInt(options.getOrDefault("workers", "4"));
        this.workerJobs = Integer.parseInt(options.getOrDefault("worker-jobs", "20000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("url") || !options.containsKey("token-file")) {
            throw new IllegalArgumentException("usage: HttpBench --url URL --token-file FILE [--runs N] [--seconds S]"
                    + " [--warmup S] [--node-pid PID] [--inflight N] [--batch N] [--rate N] [--workers N]"
                    + " [--worker-jobs N]");
        }
        new HttpBench(options).run();
    }

    private void run() throws Exception {
        awaitReady();
        warmUp();
        List<Run> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            Run run = new Run(load.closedLoop(this::single, 201, inFlight, runLength),
                    load.closedLoop(this::batchOf, 201, Math.max(1, inFlight / 8), runLength),
                    load.openLoop(this::single, 201, rate, runLength), externalWorkers(r));
            progress("run %d: %s", r, run.summary(batch, rate));
            results.add(run);
        }
        new HttpBenchReport(results, batch, rate, inFlight, runLength, LocalDate.now()).print(System.out);
    }

    /**
     * Single and batch submits in rounds of {@link #WARMUP_ROUND} each until, during the last round, the node's JIT
     * compilers used less than {@link JitActivity#QUIET_SHARE} of a core, or for the whole warm-up time when the
     * node's pid is unknown.
     */
    private void warmUp() throws Exception {
        progress("warming up for at most %d s%s", warmup.toSeconds(),
                nodePid.isPresent() ? ", until the node's JIT compilers are quiet" : "");
        long start = System.nanoTime();
        while (System.nanoTime() - start < warmup.toNanos()) {
            Duration before = compilerCpu();
            long roundStart = System.nanoTime();
            load.closedLoop(this::single, 201, inFlight, WARMUP_ROUND);
            load.closedLoop(this::batchOf, 201, Math.max(1, inFlight / 8), WARMUP_ROUND);
            double share = (double) compilerCpu().minus(before).toNanos() / (System.nanoTime() - roundStart);
            if (nodePid.isPresent()) {
                progress("warm-up: the node's compilers at %.0f%% of a core", share * 100);
                if (share < JitActivity.QUIET_SHARE) {
                    return;
                }
            }
        }
    }

    private Duration compilerCpu() throws IOException {
        return nodePid.isPresent() ? JitActivity.compilerCpu(nodePid.getAsLong()) : Duration.ZERO;
    }

    /** The node answers HTTP before it is ready (admin token, the queue's services): wait until health says ready. */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (load.send(load.get("/api/health")).join().statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the node was not ready (GET /api/health 200) within a minute");
            }
            Thread.sleep(200);
        }
    }

    private HttpRequest single() {
        return load.post("/api/queue/publish", SUBMIT);
    }

    private HttpRequest batchOf() {
        return load.post("/api/queue/publish/batch", batchBody(batch, "bench"));
    }

    private ExternalWorkers.Result externalWorkers(int run) throws Exception {
        String type = "bench-ext-" + run;
        int perBatch = 1000;
        String body = batchBody(perBatch, type);
        for (int submitted = 0; submitted < workerJobs; submitted += perBatch) {
            if (load.send(load.post("/api/queue/publish/batch", body)).join().statusCode() != 201) {
                throw new IllegalStateException("could not fill the queue for the external workers");
            }
        }
        return new ExternalWorkers(load, type).drain(workers, 100, workerJobs);
    }

    private static String batchBody(int size, String type) {
        StringBuilder body = new StringBuilder("{\"jobs\": [");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"payload\": {\"n\": ").append(i)
                    .append("}, \"worker_types\": [\"").append(type).append("\"]}");
        }
        return body.append("]}").toString();
    }

    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "http-bench: " + format + "%n", args);
    }

    /** One run of every scenario. */
    record Run(HttpLoad.Result singles, HttpLoad.Result batches, HttpLoad.Result fixedRate,
            ExternalWorkers.Result workers) {

        double batchJobsPerSecond(int batch) {
            return batches.perSecond() * batch;
        }

        String summary(int batch, int rate) {
            Histogram fixed = fixedRate.latencies();
            return String.format(Locale.ROOT, "singles %,.0f/s, batches %,.0f jobs/s, at %d/s p50 %.2f ms p99 %.2f ms,"
                    + " external workers %,.0f jobs/s (failures %d/%d/%d/%d)", singles.perSecond(),
                    batchJobsPerSecond(batch), rate, fixed.getValueAtPercentile(50) / 1000.0,
                    fixed.getValueAtPercentile(99) / 1000.0, workers.perSecond(), singles.failures(),
                    batches.failures(), fixedRate.failures(), workers.failures());
        }
    }
}
