package dev.blixard.store.bench;

import dev.blixard.store.cluster.LocalCluster;
import dev.blixard.store.cluster.NodeProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * {@code store-bench}: write throughput and latency of the replicated store, on one member and on three
 * members on loopback, each member in a JVM of its own; the write load runs inside the leader's JVM, as
 * blixard.core's would. 64 concurrent writers show group commit at work, one writer shows a write's bare
 * round trip. Each scenario runs {@code --runs} times on the same group; the medians are reported. Then a
 * one-member store is filled with 1,000,000 rows and its heap after a full GC is reported.
 *
 * <p>An fsync probe runs before (disk idle?) and throughout (disk busy?), since the disk decides much.
 * Prints one JSON line, then a table. Run it with {@code scripts/store-bench.sh}.
 */
public final class StoreBench {
    private static final Duration LEADER_DEADLINE = Duration.ofSeconds(60);

    private final Options options;

    private StoreBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.directory);
        new StoreBench(options).runAll();
    }

    private void runAll() throws Exception {
        FsyncProbe.Summary idle;
        try (FsyncProbe probe = new FsyncProbe(options.directory)) {
            idle = probe.sample(200).summary();
        }
        log("fsync probe before the runs: " + idle);
        List<ScenarioResult> results = new ArrayList<>();
        FsyncProbe.Summary during;
        try (FsyncProbe probe = new FsyncProbe(options.directory)) {
            Sampler sampler = new Sampler(probe);
            try {
                for (int nodes : options.nodes) {
                    results.addAll(runGroup(nodes));
                }
            } finally {
                sampler.stop();
            }
            during = probe.summary();
        }
        log("fsync probe during the runs: " + during);
        HeapResult heap = options.rows > 0 ? measureHeap() : null;
        System.out.println(json(idle, during, results, heap));
        System.out.println();
        System.out.println(table(idle, during, results, heap));
    }

    /**
     * Starts a group of {@code nodes} members, warms their JIT compilers up with the largest load (Ratis,
     * gRPC and Netty keep C2 busy for a minute or more, which would otherwise be measured as store CPU), then
     * runs every writer count {@code --runs} times on it.
     */
    private List<ScenarioResult> runGroup(int nodes) throws IOException {
        Path root = Files.createTempDirectory(options.directory, "group-");
        try (LocalCluster cluster = LocalCluster.start(root, nodes, List.of(), options.jvmOptions)) {
            NodeProcess leader = cluster.node(cluster.awaitLeader(LEADER_DEADLINE));
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < cluster.size(); i++) {
                members.add(cluster.node(i).pid());
            }
            int mostWriters = options.writers.stream().max(Integer::compare).orElseThrow();
            log(nodes + (nodes == 1 ? " node" : " nodes") + ": JIT warm-up, " + options.jitWarmup.toSeconds() + " s of "
                    + mostWriters + " writers");
            leader.call("load " + mostWriters + " 0 " + options.jitWarmup.toMillis(), options.jitWarmup.plusSeconds(120));
            List<ScenarioResult> results = new ArrayList<>();
            for (int writers : options.writers) {
                Scenario scenario = Scenario.of(nodes, writers);
                List<Run> runs = new ArrayList<>();
                for (int run = 1; run <= options.runs; run++) {
                    Run result = measure(leader, scenario, members);
                    log(String.format(Locale.ROOT, "%s, run %d: %.0f writes/s, p50 %.2f ms, p99 %.2f ms, %.1f writes/entry, "
                            + "%.0f us CPU/write, machine %.0f%% busy (others %.0f%%)%s", scenario.name, run,
                            result.load.writesPerSecond(), result.load.p50Ms(), result.load.p99Ms(),
                            result.load.writesPerEntry(), result.cpuMicrosPerWrite(), result.cpu.machineBusyPercent(),
                            result.cpu.othersPercent(), result.load.failures() > 0 ? ", " + result.load.failures() + " FAILED" : ""));
                    runs.add(result);
                }
                results.add(new ScenarioResult(scenario, runs));
            }
            cluster.stopAll(Duration.ofSeconds(30));
            return results;
        }
    }

    /** One run of the load on the leader, with the CPU use of every member over the measured window. */
    private Run measure(NodeProcess leader, Scenario scenario, List<Long> members) {
        var reply = leader.request("load " + scenario.writers + " " + options.warmup.toMillis() + " "
                + options.measure.toMillis());
        try {
            // The warm-up runs in the member; the meter starts with the measured window.
            TimeUnit.MILLISECONDS.sleep(options.warmup.toMillis());
            CpuMeter meter = new CpuMeter(members);
            String result = reply.get(options.measure.toSeconds() + 120, TimeUnit.SECONDS);
            return new Run(WriteLoad.Result.fromWire(result), meter.stop());
        } catch (Exception e) {
            throw new IllegalStateException(scenario.name + ": the load failed: " + e + leader.logTail(), e);
        }
    }

    private HeapResult measureHeap() throws IOException {
        Path root = Files.createTempDirectory(options.directory, "heap-");
        try (LocalCluster cluster = LocalCluster.start(root, 1, List.of(), options.jvmOptions)) {
            NodeProcess node = cluster.node(0);
            long millis = Long.parseLong(node.call("fill " + options.rows, Duration.ofMinutes(30)));
            long rows = Long.parseLong(node.call("long LOCAL SELECT count(*) FROM bench", Duration.ofMinutes(1)));
            long heap = Long.parseLong(node.call("heap", Duration.ofMinutes(1)));
            // The rows not yet checkpointed live in the write-ahead log beside the file.
            Path file = cluster.directory(0).resolve("blixard.db");
            Path wal = file.resolveSibling("blixard.db-wal");
            long database = Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
            log(String.format(Locale.ROOT, "%,d rows stored in %.1f s; heap after GC %.1f MiB; SQLite file and WAL %.1f MiB", rows,
                    millis / 1000.0, mib(heap), mib(database)));
            cluster.stopAll(Duration.ofSeconds(30));
            return new HeapResult(rows, heap, database, millis);
        }
    }

    private String json(FsyncProbe.Summary idle, FsyncProbe.Summary during, List<ScenarioResult> results, HeapResult heap) {
        StringBuilder json = new StringBuilder();
        json.append("{\"bench\":\"store\",\"date\":\"").append(LocalDate.now()).append('"');
        json.append(",\"machine\":{\"cores\":").append(Runtime.getRuntime().availableProcessors())
                .append(",\"java\":\"").append(System.getProperty("java.version")).append("\"}");
        json.append(",\"members_in\":\"separate JVMs on loopback\",\"runs\":").append(options.runs);
        json.append(",\"warmup_s\":").append(options.warmup.toSeconds()).append(",\"measure_s\":")
                .append(options.measure.toSeconds());
        json.append(",\"fsync_before\":").append(idle.toJson()).append(",\"fsync_during\":").append(during.toJson());
        json.append(",\"scenarios\":[");
        json.append(results.stream().map(ScenarioResult::toJson).collect(Collectors.joining(",")));
        json.append(']');
        if (heap != null) {
            json.append(String.format(Locale.ROOT, ",\"heap\":{\"rows\":%d,\"heap_after_gc_mib\":%.1f,\"sqlite_file_mib\":%.1f,"
                    + "\"fill_s\":%.1f,\"target_mib\":512,\"met\":%b}", heap.rows, mib(heap.heapBytes), mib(heap.databaseBytes),
                    heap.fillMillis / 1000.0, heap.met()));
        }
        return json.append('}').toString();
    }

    private String table(FsyncProbe.Summary idle, FsyncProbe.Summary during, List<ScenarioResult> results, HeapResult heap) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-22s %10s %8s %8s %12s %12s %9s  %s%n",
                "scenario (median of " + options.runs + ")", "writes/s", "p50 ms", "p99 ms", "writes/entry", "CPU us/write",
                "others %", "target"));
        for (ScenarioResult result : results) {
            table.append(String.format(Locale.ROOT, "%-22s %,10.0f %8.2f %8.2f %12.1f %12.0f %9.0f  %s%n", result.scenario.name,
                    result.median(Run::writesPerSecond), result.median(Run::p50Ms), result.median(Run::p99Ms),
                    result.median(Run::writesPerEntry), result.median(Run::cpuMicrosPerWrite),
                    result.median(Run::othersPercent), result.targetVerdict()));
        }
        table.append(String.format(Locale.ROOT, "fsync 4 KiB before the runs: %s%n", idle));
        table.append(String.format(Locale.ROOT, "fsync 4 KiB during the runs: %s%n", during));
        if (heap != null) {
            table.append(String.format(Locale.ROOT, "heap with %,d rows stored: %.1f MiB after GC (target <= 512 MiB: %s); "
                    + "SQLite file and WAL %.1f MiB%n", heap.rows, mib(heap.heapBytes), heap.met() ? "met" : "MISSED", mib(heap.databaseBytes)));
        }
        return table.toString();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void log(String line) {
        System.err.println("store-bench: " + line);
    }

    /** What one scenario runs. {@code targetWritesPerSecond} 0 means it has no target. */
    private record Scenario(String name, int nodes, int writers, int targetWritesPerSecond) {

        /** The targets of issue 3 apply to 64 writers on one and on three nodes. */
        static Scenario of(int nodes, int writers) {
            int target = writers < 64 ? 0 : nodes == 1 ? 20_000 : nodes == 3 ? 10_000 : 0;
            return new Scenario(nodes + (nodes == 1 ? " node, " : " nodes, ") + writers
                    + (writers == 1 ? " writer" : " writers"), nodes, writers, target);
        }
    }

    /** A run's load figures and what the CPUs did meanwhile. */
    private record Run(WriteLoad.Result load, CpuMeter.Usage cpu) {

        double writesPerSecond() {
            return load.writesPerSecond();
        }

        double p50Ms() {
            return load.p50Ms();
        }

        double p99Ms() {
            return load.p99Ms();
        }

        double writesPerEntry() {
            return load.writesPerEntry();
        }

        /** CPU time of all members per acknowledged write, in microseconds. */
        double cpuMicrosPerWrite() {
            return load.writes() == 0 ? Double.NaN : cpu.membersCpuSeconds() * 1e6 / load.writes();
        }

        double othersPercent() {
            return cpu.othersPercent();
        }

        String toJson() {
            String load = this.load.toJson();
            return load.substring(0, load.length() - 1) + String.format(Locale.ROOT, ",\"cpu_us_per_write\":%.1f,\"cpu\":%s}",
                    cpuMicrosPerWrite(), cpu.toJson());
        }
    }

    private record ScenarioResult(Scenario scenario, List<Run> runs) {
        static final double TARGET_P99_MS = 20;

        /** The median of one figure over the runs (each figure on its own). */
        double median(ToDoubleFunction<Run> figure) {
            List<Double> values = runs.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
            int middle = values.size() / 2;
            return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
        }

        boolean met() {
            return median(Run::writesPerSecond) >= scenario.targetWritesPerSecond
                    && median(Run::p99Ms) <= TARGET_P99_MS;
        }

        String targetVerdict() {
            if (scenario.targetWritesPerSecond == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, ">= %,d/s, p99 <= %.0f ms: %s", scenario.targetWritesPerSecond, TARGET_P99_MS,
                    met() ? "met" : "MISSED");
        }

        String toJson() {
            String target = scenario.targetWritesPerSecond == 0 ? "null"
                    : String.format(Locale.ROOT, "{\"writes_per_s\":%d,\"p99_ms\":%.0f,\"met\":%b}",
                            scenario.targetWritesPerSecond, TARGET_P99_MS, met());
            return String.format(Locale.ROOT, "{\"name\":\"%s\",\"nodes\":%d,\"writers\":%d,\"median\":{\"writes_per_s\":%.1f,"
                    + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"writes_per_entry\":%.1f,\"cpu_us_per_write\":%.1f,\"others_cpu_pct\":%.1f},"
                    + "\"target\":%s,\"runs\":[%s]}",
                    scenario.name, scenario.nodes, scenario.writers, median(Run::writesPerSecond),
                    median(Run::p50Ms), median(Run::p99Ms),
                    median(Run::writesPerEntry), median(Run::cpuMicrosPerWrite), median(Run::othersPercent), target,
                    runs.stream().map(Run::toJson).collect(Collectors.joining(",")));
        }
    }

    private record HeapResult(long rows, long heapBytes, long databaseBytes, long fillMillis) {
        boolean met() {
            return heapBytes <= 512L * 1024 * 1024;
        }
    }

    /** Samples fsync latency every 100 ms in the background while the scenarios run. */
    private static final class Sampler {
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(FsyncProbe probe) {
            thread = new Thread(() -> {
                while (running) {
                    probe.sample();
                    try {
                        TimeUnit.MILLISECONDS.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "store-bench-fsync-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }

    /**
     * Command-line options: {@code --nodes 1,3 --writers 64,1 --runs N --jit-warmup-s N --warmup-s N --measure-s N
     * --rows N --dir PATH --jvm OPTION}.
     */
    private record Options(List<Integer> nodes, List<Integer> writers, int runs, Duration jitWarmup, Duration warmup,
            Duration measure, long rows, Path directory, List<String> jvmOptions) {

        static Options parse(String[] args) {
            List<Integer> nodes = List.of(1, 3);
            List<Integer> writers = List.of(64, 1);
            int runs = 3;
            long jitWarmup = 120;
            long warmup = 5;
            long measure = 10;
            long rows = 1_000_000;
            Path directory = Path.of(System.getProperty("java.io.tmpdir"), "blixard-store-bench-" + ManagementFactory
                    .getRuntimeMXBean().getPid());
            List<String> jvm = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--nodes" -> nodes = numbers(value);
                    case "--writers" -> writers = numbers(value);
                    case "--jit-warmup-s" -> jitWarmup = Long.parseLong(value);
                    case "--warmup-s" -> warmup = Long.parseLong(value);
                    case "--measure-s" -> measure = Long.parseLong(value);
                    case "--rows" -> rows = Long.parseLong(value);
                    case "--dir" -> directory = Path.of(value);
                    case "--jvm" -> jvm.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --nodes --writers --runs --jit-warmup-s --warmup-s --measure-s --rows --dir --jvm");
                }
                i++;
            }
            return new Options(nodes, writers, runs, Duration.ofSeconds(jitWarmup), Duration.ofSeconds(warmup), Duration.ofSeconds(measure), rows, directory, jvm);
        }

        private static List<Integer> numbers(String list) {
            return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
        }
    }
}
