package dev.blixard.core.bench;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.backend.mock.MockExecutionBackend;
import dev.blixard.core.agent.TestAgents;
import dev.blixard.core.agent.WorkerAgent;
import dev.blixard.core.placement.AllocatorWhiteboard;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.core.queue.QueueSettings;
import dev.blixard.core.service.JobCommandServiceComponent;
import dev.blixard.core.service.WorkerServiceComponent;
import dev.blixard.core.validation.BuiltInValidation;
import dev.blixard.store.StandaloneStore;
import dev.blixard.testing.JitActivity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The queue benchmark of one node, in one JVM as a node runs it: the real store (Ratis + SQLite), the queue
 * with the built-in validators and first-fit placement, the worker agent and the mock backend at zero latency.
 *
 * <p>Scenario "throughput": N no-op jobs submitted in batches, then run by the agent; enqueue rate (jobs
 * accepted per second of submitting), end-to-end rate (first submit to last completion) and drain rate (agent
 * start to last completion), after untimed warm-up runs of the same kind (a node runs warm: the first run of a
 * fresh JVM spends a third of its CPU in the JIT compilers). By default ({@code --phases separate}) the agent
 * starts only once every job is in: the enqueue rate is the queue's intake with nothing else competing for
 * the apply thread, and the end-to-end rate covers both phases one after the other, which is lower than with
 * them overlapping. With {@code --phases together} the agent runs while the jobs arrive. Scenario
 * "claims": M jobs left pending, the claim path warmed up (and the jobs it took put back), then single-job claims
 * timed one after another; heap used after GC.
 *
 * <p>Prints progress to standard error, then one JSON line and a table to standard output.
 */
public final class QueueBench {
    /** The longest the claim path is warmed up before claims are timed. */
    private static final Duration CLAIM_WARM_UP = Duration.ofSeconds(60);
    private static final int CLAIM_WARM_UP_ROUND = 500;

    private final Path directory;
    private final int jobs;
    private final int pending;
    private final int runs;
    private final int warmUpRuns;
    private final int batch;
    private final int claims;
    /** Rounds of {@link #claims} timed claims: a round lasts about two seconds, and one stall moves its p99. */
    private final int claimRounds;
    private final int capacity;
    /** The most jobs the agent claims at once. */
    private final int maxClaim;
    /** Threads submitting batches at once. */
    private final int submitters;
    /** Submit everything first, then start the agent: enqueue and drain measured apart, for diagnosis. */
    private final boolean separatePhases;

    private QueueBench(Map<String, String> options) {
        this.directory = Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
        this.jobs = Integer.parseInt(options.getOrDefault("jobs", "100000"));
        this.pending = Integer.parseInt(options.getOrDefault("pending", "1000000"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        this.warmUpRuns = Integer.parseInt(options.getOrDefault("warmup-runs", "1"));
        this.batch = Integer.parseInt(options.getOrDefault("batch", "1000"));
        this.claims = Integer.parseInt(options.getOrDefault("claims", "2000"));
        this.claimRounds = Integer.parseInt(options.getOrDefault("claim-rounds", "3"));
        this.capacity = Integer.parseInt(options.getOrDefault("capacity", "1024"));
        this.maxClaim = Integer.parseInt(options.getOrDefault("max-claim", "1000"));
        this.submitters = Integer.parseInt(options.getOrDefault("submitters", "1"));
        this.separatePhases = "separate".equals(options.getOrDefault("phases", "separate"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new QueueBench(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        List<Throughput> throughputs = new ArrayList<>();
        for (int run = 1; run <= warmUpRuns; run++) {
            Throughput warmUp = throughput(-run);
            progress("warm-up run %d (not counted): enqueue %,.0f jobs/s, end to end %,.0f jobs/s", run,
                    warmUp.enqueuePerSecond, warmUp.endToEndPerSecond);
        }
        for (int run = 1; run <= runs; run++) {
            Throughput result = throughput(run);
            throughputs.add(result);
            progress("run %d: enqueue %,.0f jobs/s, end to end %,.0f jobs/s, drain %,.0f jobs/s; CPU %.0f us per job, of "
                    + "which applying the log %.0f us", run, result.enqueuePerSecond, result.endToEndPerSecond,
                    result.drainPerSecond, result.cpuUsPerJob, result.applyUsPerJob);
        }
        Claims claimResult = pending > 0 ? claims() : null;
        report(throughputs, claimResult);
    }

    /** Submits {@link #jobs} no-op jobs while the agent runs them. */
    private Throughput throughput(int run) throws Exception {
        try (Node node = Node.start(directory.resolve(run < 0 ? "warm-up" + run : "throughput-" + run))) {
            WorkerAgent agent = TestAgents.start(Map.of("capacities", new String[] {"mock=" + capacity},
                    "max_claim", maxClaim, "report_threads", 64), "bench", node.commands,
                    WorkerServiceComponent.over(node.queue));
            MockExecutionBackend mock = TestAgents.mockBackend(Map.of("max_concurrent_executions", capacity));
            try {
                if (!separatePhases) {
                    TestAgents.bind(agent, mock);
                }
                long cpuStart = ProcessCpu.nanos();
                long start = System.nanoTime();
                submit(node.commands, jobs, "{}");
                long submitted = System.nanoTime();
                long runStart = start;
                if (separatePhases) {
                    progress("submitted alone: %,.0f jobs/s; now the agent runs them", jobs / seconds(submitted - start));
                    runStart = System.nanoTime();
                    TestAgents.bind(agent, mock);
                }
                while (node.queue.reads().stats().count(JobStatus.COMPLETED) < jobs) {
                    Thread.sleep(5);
                    if (System.nanoTime() - runStart > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("jobs still not completed after 10 minutes: "
                                + node.queue.reads().stats().byStatus());
                    }
                }
                long done = System.nanoTime();
                // The thread that applies the log is the one serial stage every job passes through three times.
                double applyUs = ProcessCpu.threadNanos("StateMachineUpdater") / 1e3 / jobs;
                double cpuUs = (ProcessCpu.nanos() - cpuStart) / 1e3 / jobs;
                return new Throughput(jobs / seconds(submitted - start), jobs / seconds(done - start),
                        jobs / seconds(done - runStart), cpuUs, applyUs);
            } finally {
                TestAgents.stop(agent);
                TestAgents.stopMock(mock);
            }
        }
    }

    /**
     * Fills the queue with {@link #pending} jobs, warms the claim path up, puts back as many jobs as the warm-up
     * took, then times single claims.
     */
    private Claims claims() throws Exception {
        try (Node node = Node.start(directory.resolve("claims"))) {
            long start = System.nanoTime();
            submit(node.commands, pending, "{\"n\":1}");
            progress("%,d jobs pending after %.1f s", pending, seconds(System.nanoTime() - start));
            ClaimRequest request = ClaimRequest.builder("bench-claimer").workerTypes("mock").maxJobs(1).build();
            int taken = warmUpClaims(node, request);
            double[] p50 = new double[claimRounds];
            double[] p99 = new double[claimRounds];
            for (int round = 0; round < claimRounds; round++) {
                // Each round starts with exactly the pending jobs asked for.
                submit(node.commands, taken, "{\"n\":1}");
                Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
                for (int i = 0; i < claims; i++) {
                    latency.recordValue(timedClaim(node, request));
                }
                taken = claims;
                p50[round] = latency.getValueAtPercentile(50) / 1000.0;
                p99[round] = latency.getValueAtPercentile(99) / 1000.0;
                progress("claim round %d: p50 %.3f ms, p99 %.3f ms", round + 1, p50[round], p99[round]);
            }
            return new Claims(p50, p99, heapUsedMiB(), Files.size(node.databaseFile()) / (1024.0 * 1024.0));
        }
    }

    /**
     * Claims in rounds until the JIT compilers use less than {@link JitActivity#QUIET_SHARE} of a core during a
     * round, or for at most {@link #CLAIM_WARM_UP}: a fresh JVM still compiles the claim path for many seconds,
     * and each compilation takes a core from the claims being timed.
     *
     * @return how many jobs the warm-up claimed
     */
    private int warmUpClaims(Node node, ClaimRequest request) throws Exception {
        long pid = ProcessHandle.current().pid();
        long warmStart = System.nanoTime();
        int claimed = 0;
        while (true) {
            long compilersBefore = JitActivity.compilerCpu(pid).toNanos();
            long roundStart = System.nanoTime();
            for (int i = 0; i < CLAIM_WARM_UP_ROUND; i++) {
                timedClaim(node, request);
            }
            claimed += CLAIM_WARM_UP_ROUND;
            double share = (JitActivity.compilerCpu(pid).toNanos() - compilersBefore)
                    / (double) (System.nanoTime() - roundStart);
            if (share < JitActivity.QUIET_SHARE || System.nanoTime() - warmStart > CLAIM_WARM_UP.toNanos()) {
                progress("claims warmed up: %,d claims in %.1f s, compilers at %.0f%% of a core in the last round",
                        claimed, seconds(System.nanoTime() - warmStart), share * 100);
                return claimed;
            }
        }
    }

    /**
     * Claims one job and completes it, as a worker does; only the claim is timed. The claimer never holds more
     * than the one job: a claim reads how many jobs its worker holds, and a claimer that kept thousands would
     * time that count instead of the queue.
     *
     * @return how long the claim took, in microseconds
     */
    private long timedClaim(Node node, ClaimRequest request) throws Exception {
        long before = System.nanoTime();
        List<Job> claimed = node.commands.claim(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
        long micros = (System.nanoTime() - before) / 1000;
        if (claimed.size() != 1) {
            throw new IllegalStateException("a claim with " + pending + " jobs pending got " + claimed.size());
        }
        node.commands.complete(claimed.get(0).id(), request.workerId(), JobResult.EMPTY);
        return micros;
    }

    /** Submits {@code count} jobs in batches, {@link #submitters} batches in flight at a time. */
    private void submit(JobCommandService commands, int count, String payload) throws Exception {
        JobSubmission job = JobSubmission.builder(payload).workerTypes("mock").build();
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        List<Future<?>> clients = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            clients.add(pool.submit(() -> {
                int size;
                while ((size = Math.min(batch, left.getAndAdd(-batch))) > 0) {
                    commands.submitBatch(Collections.nCopies(size, job));
                }
                return null;
            }));
        }
        try {
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double heapUsedMiB() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private void report(List<Throughput> throughputs, Claims claimResult) {
        double enqueue = median(throughputs.stream().mapToDouble(Throughput::enqueuePerSecond).toArray());
        double endToEnd = median(throughputs.stream().mapToDouble(Throughput::endToEndPerSecond).toArray());
        StringBuilder json = new StringBuilder();
        double drain = median(throughputs.stream().mapToDouble(Throughput::drainPerSecond).toArray());
        json.append(String.format(Locale.ROOT, "{\"bench\":\"queue\",\"date\":\"%s\",\"jobs\":%d,\"runs\":%d,\"warmup_runs\":%d,\"batch\":%d,\"submitters\":%d,"
                + "\"capacity\":%d,\"phases\":\"%s\",\"enqueue_jobs_per_s\":{\"median\":%.0f,\"runs\":%s},"
                + "\"end_to_end_jobs_per_s\":{\"median\":%.0f,\"runs\":%s},\"drain_jobs_per_s\":{\"median\":%.0f,\"runs\":%s}",
                LocalDate.now(), jobs, runs, warmUpRuns, batch, submitters, capacity,
                separatePhases ? "separate" : "together",
                enqueue, list(throughputs.stream().mapToDouble(Throughput::enqueuePerSecond).toArray()), endToEnd,
                list(throughputs.stream().mapToDouble(Throughput::endToEndPerSecond).toArray()), drain,
                list(throughputs.stream().mapToDouble(Throughput::drainPerSecond).toArray())));
        double cpuUs = median(throughputs.stream().mapToDouble(Throughput::cpuUsPerJob).toArray());
        double applyUs = median(throughputs.stream().mapToDouble(Throughput::applyUsPerJob).toArray());
        json.append(String.format(Locale.ROOT, ",\"cpu_us_per_job\":{\"median\":%.1f,\"runs\":%s},"
                + "\"apply_us_per_job\":{\"median\":%.1f,\"runs\":%s},\"apply_bound_jobs_per_s\":%.0f", cpuUs,
                list(throughputs.stream().mapToDouble(Throughput::cpuUsPerJob).toArray()), applyUs,
                list(throughputs.stream().mapToDouble(Throughput::applyUsPerJob).toArray()), 1e6 / applyUs));
        if (claimResult != null) {
            json.append(String.format(Locale.ROOT, ",\"claims\":{\"pending\":%d,\"claims_per_round\":%d,"
                    + "\"p50_ms\":{\"median\":%.3f,\"runs\":%s},\"p99_ms\":{\"median\":%.3f,\"runs\":%s},"
                    + "\"heap_used_mib\":%.1f,\"sqlite_mib\":%.1f}", pending, claims, claimResult.p50Ms(),
                    list(claimResult.p50PerRound, "%.3f"), claimResult.p99Ms(), list(claimResult.p99PerRound, "%.3f"),
                    claimResult.heapMiB, claimResult.databaseMiB));
        }
        json.append(String.format(Locale.ROOT, ",\"targets_met\":{\"enqueue\":%b,\"end_to_end\":%b%s}}", enqueue >= 50_000,
                endToEnd >= 10_000, claimResult == null ? "" : String.format(Locale.ROOT,
                        ",\"claim_p99\":%b,\"heap\":%b", claimResult.p99Ms() <= 5, claimResult.heapMiB <= 512)));
        System.out.println(json);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %14s  %s%n", "figure (median of " + runs + " runs)", "value", "target");
        System.out.printf(Locale.ROOT, "%-34s %,14.0f  >= 50,000 jobs/s: %s%n", "enqueue, jobs/s", enqueue,
                enqueue >= 50_000 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "%-34s %,14.0f  >= 10,000 jobs/s: %s%n", "end to end, jobs/s", endToEnd,
                endToEnd >= 10_000 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "%-34s %,14.0f%n", "drain (agent start to last), jobs/s", drain);
        System.out.printf(Locale.ROOT, "%-34s %,14.1f%n", "CPU us per job (whole process)", cpuUs);
        System.out.printf(Locale.ROOT, "%-34s %,14.1f%n", "apply-thread CPU us per job", applyUs);
        System.out.printf(Locale.ROOT, "%-34s %,14.0f%n", "apply-bound ceiling, jobs/s", 1e6 / applyUs);
        if (claimResult != null) {
            System.out.printf(Locale.ROOT, "%-34s %14.3f%n", "claim p50 ms, " + claimRounds + " rounds", claimResult.p50Ms());
            System.out.printf(Locale.ROOT, "%-34s %14.3f  <= 5 ms: %s%n", "claim p99 ms, " + claimRounds + " rounds",
                    claimResult.p99Ms(), claimResult.p99Ms() <= 5 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "%-34s %14.1f  <= 512 MiB: %s%n", "heap used after GC, MiB",
                    claimResult.heapMiB, claimResult.heapMiB <= 512 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "%-34s %14.1f%n", "SQLite file, MiB", claimResult.databaseMiB);
        }
    }

    private static String list(double[] values) {
        return list(values, "%.0f");
    }

    private static String list(double[] values, String format) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, format, values[i]));
        }
        return text.append(']').toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void progress(String format, Object... values) {
        System.err.println("queue-bench: " + String.format(Locale.ROOT, format, values));
    }

    /**
     * @param drainPerSecond jobs per second from the agent's start to the last completion (with the phases
     *        together, the same as the end-to-end rate)
     * @param cpuUsPerJob CPU time of the whole process per job (all threads, the JIT compiler included)
     * @param applyUsPerJob CPU time of the thread that applies the Raft log, per job
     */
    private record Throughput(double enqueuePerSecond, double endToEndPerSecond, double drainPerSecond,
            double cpuUsPerJob, double applyUsPerJob) {
    }

    /** Claim latency percentiles of each round, and the node's heap and database after the last. */
    private record Claims(double[] p50PerRound, double[] p99PerRound, double heapMiB, double databaseMiB) {
        double p50Ms() {
            return median(p50PerRound);
        }

        double p99Ms() {
            return median(p99PerRound);
        }
    }

    /** A store and a queue on it, as one node has them. */
    private static final class Node implements AutoCloseable {
        final StandaloneStore store;
        final JobQueue queue;
        final JobCommandService commands;
        final Path directory;

        private Node(Path directory, StandaloneStore store, JobQueue queue) {
            this.directory = directory;
            this.store = store;
            this.queue = queue;
            this.commands = JobCommandServiceComponent.over(queue);
        }

        static Node start(Path directory) throws IOException {
            StandaloneStore store = StandaloneStore.start("bench", directory, freePort());
            JobQueue queue = JobQueue.open(store.database(), QueueSettings.DEFAULT, Clock.systemUTC(), "bench",
                    BuiltInValidation.create(), new AllocatorWhiteboard(), 250);
            return new Node(directory, store, queue);
        }

        Path databaseFile() {
            return directory.resolve("blixard.db");
        }

        @Override
        public void close() {
            queue.close();
            store.close();
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
