package dev.blixard.backend.local;

import static dev.blixard.testing.BenchmarkSupport.options;
import static dev.blixard.testing.BenchmarkSupport.percentile;

import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.testing.ConfigProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The local backend's throughput and per-job overhead with the trivial command {@code true}: jobs/s with
 * {@code --concurrency} executions in flight, and the wall time of one job run alone (submit to final status:
 * work directory, process start through {@code setsid}, output pipes, reaping, removal), without and with the
 * bubblewrap sandbox. Runs the backend component directly, without the queue, so the figures are the
 * backend's own.
 *
 * <p>Usage: {@code LocalBackendBench --dir DIR [--jobs N] [--runs N] [--concurrency N] [--alone N]}.
 * Prints progress to standard error, then one JSON line and a table to standard output.
 */
public final class LocalBackendBench {

    private static final double TARGET_JOBS_PER_SECOND = 200;

    private LocalBackendBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path dir = Path.of(options.getOrDefault("dir", Files.createTempDirectory("local-bench").toString()));
        int jobs = Integer.parseInt(options.getOrDefault("jobs", "2000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        int alone = Integer.parseInt(options.getOrDefault("alone", "200"));

        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"benchmark\":\"local-backend\",\"date\":\"%s\",\"cpus\":%d,\"jobs\":%d,\"runs\":%d,\"concurrency\":%d",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), jobs, runs, concurrency));
        List<String[]> table = new ArrayList<>();
        for (Isolation isolation : Isolation.values()) {
            Files.createDirectories(dir.resolve(isolation.wireName()));
            LocalExecutionBackend backend = new LocalExecutionBackend(ConfigProxy.of(LocalBackendConfig.class,
                    Map.of("max_concurrent_executions", concurrency, "default_isolation", isolation.wireName())),
                    new NodeFacts("bench", Optional.of(dir.resolve(isolation.wireName())), true,
                            NodeFacts.processSearchPath(), NodeFacts.ownUid()), Clock.systemUTC());
            try {
                run(backend, 200, concurrency); // warm-up: JIT, page cache, thread pool
                double[] throughputs = new double[runs];
                for (int i = 0; i < runs; i++) {
                    throughputs[i] = run(backend, jobs, concurrency);
                    System.err.printf(Locale.ROOT, "%s run %d: %.0f jobs/s%n", isolation.wireName(), i + 1, throughputs[i]);
                }
                double[] latencies = alone(backend, alone);
                double median = median(throughputs);
                json.append(String.format(Locale.ROOT, ",\"%s\":{\"jobs_per_s\":{\"median\":%.0f,\"runs\":%s},"
                        + "\"alone_ms\":{\"p50\":%.2f,\"p99\":%.2f}}", isolation.wireName(), median,
                        Arrays.toString(Arrays.stream(throughputs).mapToLong(Math::round).toArray()), percentile(latencies, 50),
                        percentile(latencies, 99)));
                table.add(new String[] {isolation.wireName(), String.format(Locale.ROOT, "%,.0f", median),
                    String.format(Locale.ROOT, "%.2f", percentile(latencies, 50)),
                    String.format(Locale.ROOT, "%.2f", percentile(latencies, 99)),
                    isolation == Isolation.NONE ? (median >= TARGET_JOBS_PER_SECOND ? ">= 200 jobs/s: met" : ">= 200 jobs/s: NOT met") : ""});
            } finally {
                backend.deactivate();
            }
        }
        System.out.println(json.append('}'));
        System.out.printf(Locale.ROOT, "%-10s %16s %16s %16s  %s%n", "isolation", "jobs/s (median)", "alone p50 ms",
                "alone p99 ms", "target");
        for (String[] row : table) {
            System.out.printf(Locale.ROOT, "%-10s %16s %16s %16s  %s%n", (Object[]) row);
        }
    }

    /** Runs {@code jobs} executions of {@code true}, {@code concurrency} at a time; returns jobs per second. */
    private static double run(LocalExecutionBackend backend, int jobs, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<ExecutionStatus>> all = new ArrayList<>(jobs);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            slots.acquire();
            CompletableFuture<ExecutionStatus> done = backend.completion(submit(backend, i)).toCompletableFuture();
            done.whenComplete((status, failure) -> slots.release());
            all.add(done);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (CompletableFuture<ExecutionStatus> done : all) {
            if (done.join().state() != ExecutionState.SUCCEEDED) {
                throw new IllegalStateException("a benchmark job did not succeed: " + done.join() + " " + done.join().stderr());
            }
        }
        return jobs / seconds;
    }

    /** Wall time of each of {@code count} jobs run one after the other, in ms. */
    private static double[] alone(LocalExecutionBackend backend, int count) throws Exception {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            ExecutionStatus status = backend.awaitCompletion(submit(backend, i), Duration.ofMinutes(1));
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (status.state() != ExecutionState.SUCCEEDED) {
                throw new IllegalStateException("a benchmark job did not succeed: " + status + " " + status.stderr());
            }
        }
        return millis;
    }

    private static ExecutionHandle submit(LocalExecutionBackend backend, int index) throws Exception {
        Job job = Job.builder("bench-" + index, JobSubmission.builder("{\"command\": [\"true\"]}").workerTypes("local").build(),
                Instant.now()).build();
        return backend.submit(job, new ExecutionConfig(1, Duration.ofMinutes(1), Resources.NONE, Map.of()));
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }
}
