package dev.blixard.examples.csv;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.ProcessingContext;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Builders for the API objects the tests hand to the plugin. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Fixtures() {
    }

    static JobSubmission submission(String payload, String... workerTypes) {
        return JobSubmission.builder(payload).workerTypes(workerTypes).build();
    }

    static Job job(String id, String payload, String... workerTypes) {
        return Job.builder(id, submission(payload, workerTypes), T0).build();
    }

    static Job job(String id, JobSubmission submission) {
        return Job.builder(id, submission, T0).build();
    }

    static Job timedJob(String id, String payload, Duration timeout) {
        return job(id, JobSubmission.builder(payload).workerTypes("csv").timeout(timeout).build());
    }

    static Job sizedJob(String id, String payload, Resources resources) {
        return job(id, JobSubmission.builder(payload).workerTypes("csv").resources(resources).build());
    }

    static Worker worker(Map<String, String> labels, Resources resources) {
        WorkerRegistration registration = WorkerRegistration.builder("node1:csv").workerTypes("csv").capacity(8)
                .labels(labels).resources(resources).build();
        return new Worker(registration, WorkerStatus.ACTIVE, List.of(), null, T0, T0);
    }

    /** @return a csv payload; {@code extra} is spliced in as further fields, for example {@code "sum": ["a"]} */
    static String payload(Path dataset, Path output, String extra) {
        return "{\"dataset\": \"" + dataset + "\", \"output\": \"" + output + "\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /** Copies the sample {@code sales.csv} of the test resources into {@code directory}. */
    static Path sales(Path directory) throws IOException {
        Path target = directory.resolve("sales.csv");
        try (InputStream in = Fixtures.class.getResourceAsStream("/sales.csv")) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Writes a CSV of {@code rows} data rows in {@code groups} groups, header {@code key,value}. */
    static Path generated(Path file, int rows, int groups) throws IOException {
        StringBuilder text = new StringBuilder("key,value\n");
        for (int i = 0; i < rows; i++) {
            text.append('k').append(i % groups).append(',').append(i).append('\n');
        }
        return Files.writeString(file, text);
    }

    /** A processing context that is cancelled when {@code cancelled} says so; asked on every check. */
    static ProcessingContext context(Path workDirectory, BooleanSupplier cancelled) {
        return new ProcessingContext() {
            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public Path workDirectory() {
                return workDirectory;
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    /** @return the files of {@code directory}, by name, to show that no temporary file was left */
    static List<String> files(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
