package dev.blixard.backend.wasm;

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
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Val;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The wasm backend's own figures, without the queue: runs per second of a tiny cached WASI module (writes one
 * line to stdout) with {@code --concurrency} runs in flight, and the wall time of one run alone (submit to final
 * status: directory, store, WASI, instance, call, output read back, removal); the cold cost of a module
 * (instrumenting and compiling the C test programs); and a CPU-bound C program (cpu_bench.c) as wasm, metered
 * by the backend, as wasm without the instrumentation, and compiled natively with clang from the same source.
 *
 * <p>Usage: {@code WasmBackendBench --dir DIR --modules DIR --sources DIR [--jobs N] [--runs N]
 * [--concurrency N] [--alone N] [--primes N]}. Prints progress to standard error, then one JSON line and a
 * table to standard output.
 */
public final class WasmBackendBench {

    private static final double TARGET_RUNS_PER_SECOND = 2_000;
    private static final String TINY = "(module"
            + " (import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))"
            + " (memory (export \"memory\") 1) (data (i32.const 0) \"\\10\\00\\00\\00\\03\\00\\00\\00\") (data (i32.const 16) \"hi\\n\")"
            + " (func (export \"_start\") (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))";

    private WasmBackendBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path dir = Path.of(options.getOrDefault("dir", Files.createTempDirectory("wasm-bench").toString()));
        Path modules = Path.of(options.getOrDefault("modules", "src/test/resources/wasm"));
        Path sources = Path.of(options.getOrDefault("sources", "src/test/wasm"));
        int jobs = Integer.parseInt(options.getOrDefault("jobs", "5000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency",
                Integer.toString(2 * Runtime.getRuntime().availableProcessors())));
        int alone = Integer.parseInt(options.getOrDefault("alone", "500"));
        String primes = options.getOrDefault("primes", "3000000");

        WasmExecutionBackend backend = new WasmExecutionBackend(ConfigProxy.of(WasmBackendConfig.class,
                Map.of("max_concurrent_executions", concurrency, "work_root", dir.resolve("work").toString(),
                        "module_dir", modules.toString())), "bench", Optional.empty(), Clock.systemUTC());
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"benchmark\":\"wasm-backend\",\"date\":\"%s\",\"cpus\":%d,\"engine\":\"%s\",\"jobs\":%d,\"runs\":%d,"
                        + "\"concurrency\":%d", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                WasmRuntime.ENGINE, jobs, runs, concurrency));
        List<String[]> table = new ArrayList<>();
        try {
            String tiny = "{\"module_base64\": \"" + Base64.getEncoder().encodeToString(Wat.assemble(TINY)) + "\"}";
            run(backend, tiny, 3_000, concurrency); // warm-up: JIT, the compile of the module, thread pool
            double[] throughputs = new double[runs];
            for (int i = 0; i < runs; i++) {
                throughputs[i] = run(backend, tiny, jobs, concurrency);
                System.err.printf(Locale.ROOT, "tiny module run %d: %.0f runs/s%n", i + 1, throughputs[i]);
            }
            double[] latencies = alone(backend, tiny, alone);
            double median = percentile(throughputs, 50);
            json.append(String.format(Locale.ROOT, ",\"tiny\":{\"runs_per_s\":{\"median\":%.0f,\"runs\":%s},"
                    + "\"alone_ms\":{\"p50\":%.3f,\"p99\":%.3f}}", median,
                    Arrays.toString(Arrays.stream(throughputs).mapToLong(Math::round).toArray()),
                    percentile(latencies, 50), percentile(latencies, 99)));
            table.add(new String[] {"tiny module, cached", String.format(Locale.ROOT, "%,.0f runs/s", median),
                String.format(Locale.ROOT, "alone p50 %.3f ms, p99 %.3f ms", percentile(latencies, 50), percentile(latencies, 99)),
                median >= TARGET_RUNS_PER_SECOND ? ">= 2,000 runs/s: met" : ">= 2,000 runs/s: NOT met"});

            json.append(",\"cold\":{");
            for (String name : List.of("wasi_demo", "cpu_bench")) {
                byte[] binary = Files.readAllBytes(modules.resolve(name + ".wasm"));
                double[] cold = cold(binary);
                json.append(String.format(Locale.ROOT, "%s\"%s\":{\"bytes\":%d,\"instrument_ms\":%.2f,\"compile_ms\":%.1f}",
                        name.equals("wasi_demo") ? "" : ",", name, binary.length, cold[0], cold[1]));
                table.add(new String[] {"cold " + name + ".wasm (" + binary.length / 1024 + " KiB)",
                    String.format(Locale.ROOT, "%.1f ms", cold[0] + cold[1]),
                    String.format(Locale.ROOT, "instrument %.2f ms + compile %.1f ms (median of 5)", cold[0], cold[1]), ""});
            }
            json.append('}');

            double[] cpu = cpuBound(backend, modules, sources, dir, primes);
            json.append(String.format(Locale.ROOT, ",\"cpu_bound\":{\"primes_below\":%s,\"wasm_metered_ms\":%.0f,"
                    + "\"wasm_unmetered_ms\":%.0f,\"native_ms\":%.0f}", primes, cpu[0], cpu[1], cpu[2]));
            table.add(new String[] {"cpu_bench.c, primes < " + primes, String.format(Locale.ROOT, "%.0f ms metered", cpu[0]),
                String.format(Locale.ROOT, "%.0f ms unmetered, %.0f ms native: metered %.2fx native, unmetered %.2fx",
                        cpu[1], cpu[2], cpu[0] / cpu[2], cpu[1] / cpu[2]), ""});
        } finally {
            backend.deactivate();
        }
        System.out.println(json.append('}'));
        System.out.printf(Locale.ROOT, "%-34s %18s  %-70s %s%n", "what", "figure", "details", "target");
        for (String[] row : table) {
            System.out.printf(Locale.ROOT, "%-34s %18s  %-70s %s%n", (Object[]) row);
        }
    }

    /** Runs {@code jobs} executions of a payload, {@code concurrency} at a time; returns runs per second. */
    private static double run(WasmExecutionBackend backend, String payload, int jobs, int concurrency) throws Exception {
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
        all.forEach(done -> succeeded(done.join()));
        return jobs / seconds;
    }

    /** Wall time of each of {@code count} runs one after the other, in ms. */
    private static double[] alone(WasmExecutionBackend backend, String payload, int count) throws Exception {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            succeeded(backend.awaitCompletion(submit(backend, payload, i), Duration.ofMinutes(1)));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** Median ms of instrumenting, and of compiling the instrumented binary, over 5 rounds. */
    private static double[] cold(byte[] binary) {
        double[] instrument = new double[5];
        double[] compile = new double[5];
        try (WasmRuntime runtime = new WasmRuntime()) {
            for (int i = 0; i < instrument.length; i++) {
                long start = System.nanoTime();
                byte[] instrumented = Instrumentation.apply(binary);
                long instrumentedAt = System.nanoTime();
                runtime.compile(instrumented).dispose();
                instrument[i] = (instrumentedAt - start) / 1e6;
                compile[i] = (System.nanoTime() - instrumentedAt) / 1e6;
            }
        }
        return new double[] {percentile(instrument, 50), percentile(compile, 50)};
    }

    /**
     * Median wall ms of three runs each: through the backend (metered, module cached), on the engine without the
     * instrumentation, and natively.
     */
    private static double[] cpuBound(WasmExecutionBackend backend, Path modules, Path sources, Path dir, String primes)
            throws Exception {
        String payload = "{\"module\": \"cpu_bench.wasm\", \"args\": [\"" + primes + "\"]}";
        String expected = succeeded(backend.awaitCompletion(submit(backend, payload, 0), Duration.ofMinutes(10))).stdout();
        double[] metered = new double[3];
        for (int i = 0; i < metered.length; i++) {
            long start = System.nanoTime();
            check(expected, succeeded(backend.awaitCompletion(submit(backend, payload, i), Duration.ofMinutes(10))).stdout());
            metered[i] = (System.nanoTime() - start) / 1e6;
            System.err.printf(Locale.ROOT, "cpu_bench metered: %.0f ms%n", metered[i]);
        }

        double[] unmetered = new double[3];
        try (WasmRuntime runtime = new WasmRuntime()) {
            Module module = runtime.compile(Files.readAllBytes(modules.resolve("cpu_bench.wasm")));
            try {
                for (int i = 0; i < unmetered.length; i++) {
                    Path out = Files.createDirectories(dir.resolve("unmetered-" + i));
                    Files.createDirectories(out.resolve("work"));
                    long start = System.nanoTime();
                    WasmRuntime.Result result = runtime.run(module, List.of(module.imports()), new WasmRuntime.Run("_start", new Val[0],
                            List.of("cpu_bench", primes), Map.of(), new byte[0], out.resolve("stdout"), out.resolve("stderr"),
                            out.resolve("work"), "/work", Duration.ofMinutes(10)), new ExecutionGuard(OptionalLong.empty(), 256));
                    unmetered[i] = (System.nanoTime() - start) / 1e6;
                    if (!(result.outcome() instanceof WasmRuntime.Returned)) {
                        throw new IllegalStateException("the unmetered run ended with " + result.outcome());
                    }
                    check(expected, Files.readString(out.resolve("stdout")));
                    System.err.printf(Locale.ROOT, "cpu_bench unmetered: %.0f ms%n", unmetered[i]);
                }
            } finally {
                module.dispose();
            }
        }

        Path nativeBinary = dir.resolve("cpu_bench-native");
        Process compile = new ProcessBuilder("clang", "-O2", "-o", nativeBinary.toString(),
                sources.resolve("cpu_bench.c").toString()).inheritIO().start();
        if (compile.waitFor() != 0) {
            throw new IllegalStateException("clang could not build cpu_bench.c natively");
        }
        double[] nativeMillis = new double[3];
        for (int i = 0; i < nativeMillis.length; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(nativeBinary.toString(), primes).redirectErrorStream(true).start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            nativeMillis[i] = (System.nanoTime() - start) / 1e6;
            check(expected, stdout);
            System.err.printf(Locale.ROOT, "cpu_bench native: %.0f ms%n", nativeMillis[i]);
        }
        return new double[] {percentile(metered, 50), percentile(unmetered, 50), percentile(nativeMillis, 50)};
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("cpu_bench printed " + actual + " where " + expected + " was expected");
        }
    }

    private static ExecutionStatus succeeded(ExecutionStatus status) {
        if (status.state() != ExecutionState.SUCCEEDED) {
            throw new IllegalStateException("a benchmark run did not succeed: " + status + " " + status.stderr());
        }
        return status;
    }

    private static ExecutionHandle submit(WasmExecutionBackend backend, String payload, int index) throws Exception {
        Job job = Job.builder("bench-" + index, JobSubmission.builder(payload).workerTypes("wasm").build(), Instant.now()).build();
        return backend.submit(job, new ExecutionConfig(1, Duration.ofMinutes(10), Resources.NONE, Map.of()));
    }
}
