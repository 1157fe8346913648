package dev.blixard.backend.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The vm backend's own figures, without the queue: the test guest (scripts/build-vm-guest.sh) booted on QEMU for
 * a job that runs {@code true}, one VM at a time: submit to final status ("boot to result": write the job's
 * initrd, start QEMU, boot the kernel, run the command, power off, remove the directory), the guest's boot (QEMU
 * start to the marker of init starting the command), and the QEMU process's peak resident memory ({@code VmHWM})
 * per VM. Medians of {@code --runs} runs after one warm-up.
 *
 * <p>Usage: {@code VmBackendBench --dir DIR --guest DIR [--runs N] [--memory-mb N] [--kvm never|auto]}. Prints
 * progress to standard error, then one JSON line and a table to standard output.
 */
public final class VmBackendBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TARGET_SECONDS = 6;

    private VmBackendBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path dir = Path.of(options.getOrDefault("dir", Files.createTempDirectory("vm-bench").toString()));
        Path guest = Path.of(options.getOrDefault("guest", System.getProperty(TestGuest.PROPERTY, "")));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int memoryMb = Integer.parseInt(options.getOrDefault("memory-mb", "256"));
        VmExecutionBackend backend = new VmExecutionBackend(ConfigProxy.of(VmBackendConfig.class, Map.of(
                "image_dir", guest.toString(), "runtime_dir", dir.resolve("run").toString(),
                "kvm_mode", options.getOrDefault("kvm", "never"), "default_memory_mb", memoryMb)),
                "bench", Optional.empty(), Kvm.DEVICE, Clock.systemUTC());
        double[] total = new double[runs];
        double[] boot = new double[runs];
        double[] rssMb = new double[runs];
        String accelerator;
        try {
            accelerator = run(backend).path("accelerator").asText(); // warm-up: JIT, page cache of kernel and initrd
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                ExecutionStatus status = backend.awaitCompletion(submit(backend), Duration.ofMinutes(2));
                total[i] = (System.nanoTime() - start) / 1e9;
                JsonNode output = check(status);
                boot[i] = output.path("boot_ms").asLong() / 1e3;
                rssMb[i] = status.usage().maxRssBytes() / (1024.0 * 1024.0);
                System.err.printf(Locale.ROOT, "run %d: %.2f s to the result, boot %.2f s, VmHWM %.0f MiB%n", i + 1,
                        total[i], boot[i], rssMb[i]);
            }
        } finally {
            backend.deactivate();
        }
        String engine = backend.health().engine();
        System.out.println(String.format(Locale.ROOT, "{\"benchmark\":\"vm-backend\",\"date\":\"%s\",\"cpus\":%d,"
                + "\"engine\":\"%s\",\"accelerator\":\"%s\",\"runs\":%d,\"memory_mb\":%d,\"boot_to_result_s\":%.2f,"
                + "\"boot_to_result_runs_s\":%s,\"boot_s\":%.2f,\"vmm_peak_rss_mb\":%.0f}", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), engine, accelerator, runs, memoryMb, median(total),
                Arrays.toString(round(total)), median(boot), median(rssMb)));
        System.out.printf(Locale.ROOT, "%-32s %12s  %-48s %s%n", "what", "figure", "details", "target");
        System.out.printf(Locale.ROOT, "%-32s %12s  %-48s %s%n", "boot to result (median)",
                String.format(Locale.ROOT, "%.2f s", median(total)), "submit of `true` to final status, " + accelerator,
                "<= " + TARGET_SECONDS + " s");
        System.out.printf(Locale.ROOT, "%-32s %12s  %-48s %s%n", "guest boot (median)",
                String.format(Locale.ROOT, "%.2f s", median(boot)), "QEMU start to init running the command", "");
        System.out.printf(Locale.ROOT, "%-32s %12s  %-48s %s%n", "memory per VM (median VmHWM)",
                String.format(Locale.ROOT, "%.0f MiB", median(rssMb)), "QEMU process, guest of " + memoryMb + " MiB", "");
    }

    private static JsonNode run(VmExecutionBackend backend) throws Exception {
        return check(backend.awaitCompletion(submit(backend), Duration.ofMinutes(2)));
    }

    private static JsonNode check(ExecutionStatus status) throws Exception {
        if (status.state() != ExecutionState.SUCCEEDED) {
            throw new IllegalStateException("the benchmark's VM failed: " + status + "\n" + status.output().orElse(""));
        }
        return JSON.readTree(status.output().orElseThrow());
    }

    private static ExecutionHandle submit(VmExecutionBackend backend) throws Exception {
        Job job = Job.builder("bench-" + System.nanoTime(), JobSubmission.builder("{\"command\": [\"true\"]}")
                .workerTypes(List.of("vm")).build(), Instant.now()).build();
        return backend.submit(job, new ExecutionConfig(1, Duration.ofMinutes(2), Resources.NONE, Map.of()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(value -> Math.round(value * 100) / 100.0).toArray();
    }
}
