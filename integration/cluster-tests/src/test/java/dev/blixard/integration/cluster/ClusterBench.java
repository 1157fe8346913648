package dev.blixard.integration.cluster;

import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.JitActivity;
import dev.blixard.testing.NodeApi;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster benchmark (scripts/cluster-bench.sh): three nodes on this machine, every one running the mock
 * backend at zero latency. Per run: end-to-end jobs/s (batches submitted through all nodes until every job is
 * Completed), the latency of single submits spread over the nodes, and the failover time (the leader killed
 * with SIGKILL until every survivor names a new one, and until a submit is acknowledged again). Prints one
 * JSON line and a table ({@link ClusterBenchReport}); the killed node is restarted before the next run.
 *
 * <p>Options: {@code --dir DIR} (scratch), {@code --jar JAR}, {@code --runs N} (3), {@code --jobs N} (10,000),
 * {@code --batch N} (100), {@code --clients N} (4), {@code --submits N} (2,000 single submits for latency),
 * {@code --submit-clients N} (8) and {@code --warmup-s N} (300; 0 for none). Before each run's measurements, rounds
 * of 5,000 jobs warm the nodes up until no node's JIT compilers used more than a tenth of a core during the last
 * round, or for at most the warm-up's seconds: every run but the first starts with the node restarted after the
 * previous failover.
 */
public final class ClusterBench {
    private static final int WARMUP_ROUND_JOBS = 5_000;
    private static final Map<String, String> BENCH_ETC = Map.of(
            "blixard.backend.mock.cfg", "latency.min.ms=0\nlatency.max.ms=0\nmax.concurrent.executions=1024\n",
            "blixard.agent.cfg", "lease.ms=3000\nheartbeat.ms=1000\ncapacities=mock=1024\nmax.claim=1000\n");

    /** One run's figures. */
    record Run(double jobsPerSecond, double submitP50Ms, double submitP99Ms, long failoverMs, long writesBackMs) {
    }

    private final Map<String, String> options;
    private int expectedCompleted;

    private ClusterBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        // Read by NodeProcess and WorkDirs when they are first used: set before anything touches them.
        System.setProperty("blixard.it.workdir", options.getOrDefault("dir", "target/cluster-bench"));
        if (options.containsKey("jar")) {
            System.setProperty("blixard.jar", options.get("jar"));
        }
        new ClusterBench(options).run();
    }

    private int option(String name, int otherwise) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
    }

    private void run() throws Exception {
        int runs = option("runs", 3);
        int jobs = option("jobs", 10_000);
        List<Run> results = new ArrayList<>();
        try (TestCluster cluster = TestCluster.start("bench", 3, BENCH_ETC)) {
            // Stopped with SIGTERM (Ctrl-C, the script's trap), the nodes must not outlive the benchmark.
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-bench-nodes"));
            cluster.awaitLeader(any -> true);
            for (int i = 0; i < runs; i++) {
                warmUp(cluster, "w" + i);
                double jobsPerSecond = throughput(cluster, "r" + i, jobs);
                double[] latency = submitLatency(cluster, "r" + i);
                long[] failover = failover(cluster);
                Run result = new Run(jobsPerSecond, latency[0], latency[1], failover[0], failover[1]);
                System.err.println("run " + (i + 1) + ": " + result);
                results.add(result);
            }
        }
        new ClusterBenchReport(results, jobs, option("batch", 100), option("clients", 4), option("submits", 2_000))
                .print(System.out);
    }

    /**
     * Runs rounds of jobs through the cluster until, during the last round, no node's compiler threads used more
     * than {@link JitActivity#QUIET_SHARE} of a core, or the warm-up time is over.
     */
    private void warmUp(TestCluster cluster, String runId) throws Exception {
        Duration limit = Duration.ofSeconds(option("warmup-s", 300));
        if (limit.isZero()) {
            return;
        }
        long start = System.nanoTime();
        for (int round = 0; System.nanoTime() - start < limit.toNanos(); round++) {
            List<BlixardNode> nodes = cluster.live();
            long[] before = new long[nodes.size()];
            for (int n = 0; n < nodes.size(); n++) {
                before[n] = JitActivity.compilerCpu(nodes.get(n).pid()).toNanos();
            }
            long roundStart = System.nanoTime();
            throughput(cluster, runId + "-" + round, WARMUP_ROUND_JOBS);
            double wall = System.nanoTime() - roundStart;
            double busiest = 0;
            for (int n = 0; n < nodes.size(); n++) {
                busiest = Math.max(busiest, (JitActivity.compilerCpu(nodes.get(n).pid()).toNanos() - before[n]) / wall);
            }
            System.err.printf("warm-up round %d: busiest node's compilers at %.0f%% of a core%n", round + 1,
                    busiest * 100);
            if (busiest < JitActivity.QUIET_SHARE) {
                return;
            }
        }
        System.err.println("warm-up: still compiling after " + limit.toSeconds() + " s; measuring anyway");
    }

    /** @return jobs per second from the first submit until this run's jobs are all Completed */
    private double throughput(TestCluster cluster, String runId, int jobs) throws Exception {
        int clients = option("clients", 4);
        int perClient = jobs / clients;
        expectedCompleted += perClient * clients;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                loads.add(pool.submit(new JobLoad(cluster, runId + "-c" + c, perClient, option("batch", 100), 0)));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } finally {
            pool.shutdown();
        }
        BlixardNode reader = cluster.live().get(0);
        JobChecks.awaitAtLeastCompleted(reader, expectedCompleted, Duration.ofMinutes(10));
        return perClient * clients / ((System.nanoTime() - start) / 1e9);
    }

    /** @return p50 and p99 in milliseconds of single submits, each to the next node in turn */
    private double[] submitLatency(TestCluster cluster, String runId) throws Exception {
        int submits = option("submits", 2_000);
        int clients = option("submit-clients", 8);
        List<BlixardNode> nodes = cluster.live();
        long[] nanos = new long[submits];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                senders.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < submits; i = next.getAndIncrement()) {
                        NodeApi api = nodes.get(i % nodes.size()).api();
                        String body = "{\"payload\":{\"outcome\":\"success\"},\"worker_types\":[\"mock\"]}";
                        long start = System.nanoTime();
                        HttpResponse<String> response = api.send("POST", "/api/queue/publish", body);
                        nanos[i] = System.nanoTime() - start;
                        if (response.statusCode() != 201) {
                            throw new IOException("submit answered " + response.statusCode() + ": " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdown();
        }
        expectedCompleted += submits;
        JobChecks.awaitAtLeastCompleted(cluster.live().get(0), expectedCompleted, Duration.ofMinutes(5));
        Arrays.sort(nanos);
        return new double[] {nanos[submits / 2] / 1e6, nanos[(int) Math.min(submits - 1, Math.ceil(submits * 0.99) - 1)] / 1e6};
    }

    /**
     * Kills the leader, measures until every survivor names a new one and until a submit is acknowledged again,
     * then restarts the killed node and waits until it is ready.
     *
     * @return the two times in milliseconds
     */
    private long[] failover(TestCluster cluster) throws Exception {
        String leader = cluster.awaitLeader(any -> true);
        long killed = System.nanoTime();
        cluster.kill(leader);
        cluster.awaitLeader(id -> !id.equals(leader));
        long elected = System.nanoTime();
        BlixardNode survivor = cluster.live().get(0);
        survivor.await("a submit acknowledged after the failover", Duration.ofSeconds(60), () -> {
            try {
                return survivor.api().statusOf("POST", "/api/queue/publish",
                        "{\"payload\":{\"outcome\":\"success\"},\"worker_types\":[\"mock\"]}") == 201;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        long writable = System.nanoTime();
        expectedCompleted += 1;
        cluster.restart(leader);
        cluster.awaitLeader(any -> true);
        JobChecks.awaitAtLeastCompleted(cluster.live().get(0), expectedCompleted, Duration.ofMinutes(2));
        return new long[] {(elected - killed) / 1_000_000, (writable - killed) / 1_000_000};
    }
}
