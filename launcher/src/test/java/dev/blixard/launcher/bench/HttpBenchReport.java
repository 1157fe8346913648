package dev.blixard.launcher.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The HTTP benchmark's figures: one JSON line, then a table with the targets, medians of the runs. */
final class HttpBenchReport {
    private static final double SINGLES_TARGET = 10_000;
    private static final double BATCH_TARGET = 50_000;
    private static final double P99_TARGET_MS = 10;

    private final List<HttpBench.Run> runs;
    private final int batch;
    private final int rate;
    private final int inFlight;
    private final Duration runLength;
    private final LocalDate date;

    HttpBenchReport(List<HttpBench.Run> runs, int batch, int rate, int inFlight, Duration runLength, LocalDate date) {
        this.runs = runs;
        this.batch = batch;
        this.rate = rate;
        this.inFlight = inFlight;
        this.runLength = runLength;
        this.date = date;
    }

    void print(PrintStream out) {
        double singles = median(run -> run.singles().perSecond());
        double batches = median(run -> run.batchJobsPerSecond(batch));
        double p50 = median(run -> run.fixedRate().latencies().getValueAtPercentile(50) / 1000.0);
        double p99 = median(run -> run.fixedRate().latencies().getValueAtPercentile(99) / 1000.0);
        double workers = median(run -> run.workers().perSecond());
        double claimP99 = median(run -> run.workers().claimLatencies().getValueAtPercentile(99) / 1000.0);
        long failures = runs.stream().mapToLong(run -> run.singles().failures() + run.batches().failures()
                + run.fixedRate().failures() + run.workers().failures()).sum();
        out.printf(Locale.ROOT, "{\"bench\":\"http\",\"date\":\"%s\",\"runs\":%d,\"seconds_per_scenario\":%d,"
                + "\"in_flight\":%d,\"batch\":%d,\"singles_per_s\":%s,\"batch_jobs_per_s\":%s,"
                + "\"fixed_rate\":{\"rate\":%d,\"p50_ms\":%.2f,\"p99_ms\":%s},\"external_workers_jobs_per_s\":%s,"
                + "\"claim_p99_ms\":%.2f,\"failures\":%d,\"targets_met\":{\"singles\":%b,\"batch\":%b,\"p99\":%b}}%n",
                date, runs.size(), runLength.toSeconds(), inFlight, batch, figures(singles, run -> run.singles().perSecond()),
                figures(batches, run -> run.batchJobsPerSecond(batch)), rate, p50,
                figures(p99, run -> run.fixedRate().latencies().getValueAtPercentile(99) / 1000.0),
                figures(workers, run -> run.workers().perSecond()), claimP99, failures, singles >= SINGLES_TARGET,
                batches >= BATCH_TARGET, p99 <= P99_TARGET_MS);
        out.println();
        out.printf(Locale.ROOT, "%-40s %12s  %s%n", "figure (median of " + runs.size() + " runs)", "value", "target");
        row(out, "single submits/s (" + inFlight + " in flight)", singles, ">= 10,000/s", singles >= SINGLES_TARGET);
        row(out, "jobs/s by batches of " + batch, batches, ">= 50,000/s", batches >= BATCH_TARGET);
        out.printf(Locale.ROOT, "%-40s %12.2f%n", "p50 ms at " + rate + " submits/s", p50);
        row(out, "p99 ms at " + rate + " submits/s", p99, "<= 10 ms", p99 <= P99_TARGET_MS);
        out.printf(Locale.ROOT, "%-40s %,12.0f%n", "external workers, jobs/s (claim+complete)", workers);
        out.printf(Locale.ROOT, "%-40s %12.2f%n", "external workers, claim p99 ms", claimP99);
        out.printf(Locale.ROOT, "%-40s %,12d%n", "failed requests (all runs)", failures);
    }

    private static void row(PrintStream out, String name, double value, String target, boolean met) {
        out.printf(Locale.ROOT, "%-40s %,12.2f  %s: %s%n", name, value, target, met ? "met" : "NOT met");
    }

    private String figures(double median, ToDoubleFunction<HttpBench.Run> figure) {
        return String.format(Locale.ROOT, "{\"median\":%.2f,\"runs\":[%s]}", median,
                runs.stream().map(run -> String.format(Locale.ROOT, "%.2f", figure.applyAsDouble(run)))
                        .collect(Collectors.joining(",")));
    }

    private double median(ToDoubleFunction<HttpBench.Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
