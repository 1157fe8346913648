package dev.blixard.backend.docker;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The docker backend's per-job overhead and throughput with the trivial command {@code true} in the busybox
 * test image: <b>alone</b>, the wall time of each job run one after another, from {@code submit} to the final
 * status, which the backend publishes only once the container is removed (create, start, output stream, wait,
 * inspect, remove); and <b>jobs/s</b> with {@code --concurrency} containers in flight. Runs the backend
 * component directly, without the queue, so the figures are the backend's and the engine's.
 *
 * <p>Usage: {@code DockerBackendBench [--host unix:///run/blixard-test-docker/docker.sock] [--image IMAGE]
 * [--alone N] [--jobs N] [--runs N] [--concurrency N]}. Prints progress to standard error, then one JSON line and
 * a table to standard output.
 */
public final class DockerBackendBench {

    private static final double TARGET_SECONDS_PER_JOB = 0.5;

    private DockerBackendBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String host = options.getOrDefault("host", "unix:///run/blixard-test-docker/docker.sock");
        String image = options.getOrDefault("image", "blixard/busybox:test");
        int alone = Integer.parseInt(options.getOrDefault("alone", "30"));
        int jobs = Integer.parseInt(options.getOrDefault("jobs", "40"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "4"));

        DockerExecutionBackend backend = new DockerExecutionBackend(ConfigProxy.of(DockerBackendConfig.class,
                Map.of("docker_host", host, "max_concurrent_executions", concurrency)), "bench-" + ProcessHandle.current().pid(),
                "bench", Clock.systemUTC());
        String payload = "{\"image\": \"" + image + "\", \"cmd\": [\"true\"]}";
        try {
            if (!backend.health().canRunJobs()) {
                throw new IllegalStateException("the engine is not usable: " + backend.health().health().message());
            }
            String engine = backend.health().engine();
            alone(backend, payload, 3); // warm-up: JIT, connection pool, image layers in the page cache
            double[][] phases = alone(backend, payload, alone);
            double[] millis = phases[0];
            double[] throughputs = new double[runs];
            for (int i = 0; i < runs; i++) {
                throughputs[i] = throughput(backend, payload, jobs, concurrency);
                System.err.printf(Locale.ROOT, "run %d: %.2f jobs/s%n", i + 1, throughputs[i]);
            }
            double p50 = percentile(millis, 50);
            double median = percentile(throughputs, 50);
            System.out.printf(Locale.ROOT, "{\"benchmark\":\"docker-backend\",\"date\":\"%s\",\"cpus\":%d,\"engine\":\"%s\","
                    + "\"image\":\"%s\",\"alone\":{\"jobs\":%d,\"ms\":{\"p50\":%.1f,\"p90\":%.1f,\"max\":%.1f},"
                    + "\"p50_ms\":{\"create_start\":%.1f,\"run_exit_inspect\":%.1f,\"remove\":%.1f}},"
                    + "\"throughput\":{\"jobs\":%d,\"concurrency\":%d,\"jobs_per_s\":{\"median\":%.2f,\"runs\":%s}}}%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), engine, image, alone, p50,
                    percentile(millis, 90), percentile(millis, 100), percentile(phases[1], 50), percentile(phases[2], 50),
                    percentile(phases[3], 50), jobs, concurrency, median,
                    Arrays.toString(Arrays.stream(throughputs).map(value -> Math.round(value * 100) / 100.0).toArray()));
            System.out.printf(Locale.ROOT, "%-44s %12s  %s%n", "docker backend, `true` in " + image, "", engine);
            System.out.printf(Locale.ROOT, "%-44s %9.1f ms  p90 %.1f ms, max %.1f ms     <= %.0f ms: %s%n",
                    "one job alone, submit to container removed", p50, percentile(millis, 90), percentile(millis, 100),
                    TARGET_SECONDS_PER_JOB * 1000, p50 <= TARGET_SECONDS_PER_JOB * 1000 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "%-44s %9.1f ms  run, exit, output, inspect %.1f ms; remove %.1f ms (p50 each)%n",
                    "  of which create and start", percentile(phases[1], 50), percentile(phases[2], 50), percentile(phases[3], 50));
            System.out.printf(Locale.ROOT, "%-44s %7.2f jobs/s  median of %d runs of %d%n",
                    concurrency + " containers in flight", median, runs, jobs);
        } finally {
            backend.deactivate();
        }
    }

    /**
     * Runs {@code count} jobs one after the other. Returns four rows of ms per job: the whole job (submit to the
     * final status, published once the container is removed), then its phases as the status tells them: submit
     * to started (create and start), started to finished (the container's run, its exit, output and inspect),
     * and finished to the status seen (removal).
     */
    private static double[][] alone(DockerExecutionBackend backend, String payload, int count) throws Exception {
        double[][] millis = new double[4][count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            ExecutionHandle handle = submit(backend, payload, i);
            ExecutionStatus status = check(backend.awaitCompletion(handle, Duration.ofMinutes(1)));
            Instant seen = Instant.now();
            millis[0][i] = (System.nanoTime() - start) / 1e6;
            millis[1][i] = between(handle.submittedAt(), status.startedAt().orElseThrow());
            millis[2][i] = between(status.startedAt().orElseThrow(), status.finishedAt().orElseThrow());
            millis[3][i] = between(status.finishedAt().orElseThrow(), seen);
        }
        return millis;
    }

    private static double between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** Runs {@code jobs} jobs, {@code concurrency} at a time; returns jobs per second. */
    private static double throughput(DockerExecutionBackend backend, String payload, int jobs, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<ExecutionStatus>> all = new ArrayList<>(jobs);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            slots.acquire();
            CompletableFuture<ExecutionStatus> done = backend.completion(submit(backend, payload, i)).toCompletableFuture();
            done.whenComplete((status, failure) -> slots.release());
            all.add(done);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        all.forEach(done -> check(done.join()));
        return jobs / seconds;
    }

    private static ExecutionStatus check(ExecutionStatus status) {
        if (status.state() != ExecutionState.SUCCEEDED) {
            throw new IllegalStateException("a benchmark job did not succeed: " + status + " " + status.stderr());
        }
        return status;
    }

    private static ExecutionHandle submit(DockerExecutionBackend backend, String payload, int index) throws Exception {
        Job job = Job.builder("bench-" + index, JobSubmission.builder(payload).workerTypes("docker").build(), Instant.now()).build();
        return backend.submit(job, new ExecutionConfig(1, Duration.ofMinutes(1), Resources.NONE, Map.of()));
    }
}
