package dev.blixard.integration.cluster;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The cluster benchmark's figures: one JSON line, then a table with the targets, medians of the runs. */
final class ClusterBenchReport {
    private static final double JOBS_TARGET = 5_000;
    private static final double FAILOVER_TARGET_MS = 5_000;

    private final List<ClusterBench.Run> runs;
    private final int jobs;
    private final int batch;
    private final int clients;
    private final int submits;

    ClusterBenchReport(List<ClusterBench.Run> runs, int jobs, int batch, int clients, int submits) {
        this.runs = runs;
        this.jobs = jobs;
        this.batch = batch;
        this.clients = clients;
        this.submits = submits;
    }

    void print(PrintStream out) {
        double jobsPerSecond = median(ClusterBench.Run::jobsPerSecond);
        double p50 = median(ClusterBench.Run::submitP50Ms);
        double p99 = median(ClusterBench.Run::submitP99Ms);
        double failover = median(ClusterBench.Run::failoverMs);
        double writesBack = median(ClusterBench.Run::writesBackMs);
        out.printf(Locale.ROOT, "{\"bench\":\"cluster\",\"date\":\"%s\",\"nodes\":3,\"runs\":%d,\"jobs\":%d,\"batch\":%d,"
                + "\"clients\":%d,\"end_to_end_jobs_per_s\":%s,\"single_submits\":%d,\"submit_p50_ms\":%s,"
                + "\"submit_p99_ms\":%s,\"failover_ms\":%s,\"writes_back_ms\":%s,"
                + "\"targets_met\":{\"end_to_end\":%b,\"failover\":%b}}%n",
                LocalDate.now(), runs.size(), jobs, batch, clients, figures(jobsPerSecond, ClusterBench.Run::jobsPerSecond),
                submits, figures(p50, ClusterBench.Run::submitP50Ms), figures(p99, ClusterBench.Run::submitP99Ms),
                figures(failover, ClusterBench.Run::failoverMs), figures(writesBack, ClusterBench.Run::writesBackMs),
                jobsPerSecond >= JOBS_TARGET, failover <= FAILOVER_TARGET_MS);
        out.println();
        out.printf(Locale.ROOT, "%-48s %12s  %s%n", "figure (median of " + runs.size() + " runs)", "value", "target");
        row(out, "end-to-end jobs/s (" + jobs + " mock jobs, 3 nodes)", jobsPerSecond, ">= 5,000/s",
                jobsPerSecond >= JOBS_TARGET);
        out.printf(Locale.ROOT, "%-48s %12.2f%n", "single submit p50 ms (any node)", p50);
        out.printf(Locale.ROOT, "%-48s %12.2f%n", "single submit p99 ms (any node)", p99);
        row(out, "failover ms (kill -9 to a new leader)", failover, "<= 5,000 ms", failover <= FAILOVER_TARGET_MS);
        out.printf(Locale.ROOT, "%-48s %,12.0f%n", "kill -9 to the next acknowledged submit, ms", writesBack);
    }

    private static void row(PrintStream out, String name, double value, String target, boolean met) {
        out.printf(Locale.ROOT, "%-48s %,12.2f  %s: %s%n", name, value, target, met ? "met" : "NOT met");
    }

    private String figures(double median, ToDoubleFunction<ClusterBench.Run> figure) {
        return String.format(Locale.ROOT, "{\"median\":%.2f,\"runs\":[%s]}", median,
                runs.stream().map(run -> String.format(Locale.ROOT, "%.2f", figure.applyAsDouble(run)))
                        .collect(Collectors.joining(",")));
    }

    private double median(ToDoubleFunction<ClusterBench.Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
