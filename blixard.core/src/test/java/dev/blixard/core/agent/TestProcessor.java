package dev.blixard.core.agent;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.JobProcessingException;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ProcessingContext;
import dev.blixard.api.plugin.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A job processor of type {@code proc} steered by its payload: {@code "write"} writes a file in its work
 * directory and returns the directory, {@code "hang"} runs until cancelled, {@code "deaf"} ignores cancels and
 * interrupts until {@link #releaseDeaf()}, {@code "boom"} fails for good.
 */
final class TestProcessor implements JobProcessor {
    static final String TYPE = "proc";

    final List<String> cancelled = new CopyOnWriteArrayList<>();
    final List<Path> workDirectories = new CopyOnWriteArrayList<>();
    final List<String> interrupted = new CopyOnWriteArrayList<>();
    private final CountDownLatch deafRelease = new CountDownLatch(1);

    /** Lets every {@code "deaf"} run return. */
    void releaseDeaf() {
        deafRelease.countDown();
    }

    @Override
    public PluginMetadata metadata() {
        return new PluginMetadata("test-processor", "1.0.0", "Blixard tests", "Writes, hangs or fails on request.");
    }

    @Override
    public String workerType() {
        return TYPE;
    }

    @Override
    public boolean canProcess(Job job) {
        return true;
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        return ValidationResult.VALID;
    }

    @Override
    public Resources resourceRequirements(Job job) {
        return Resources.NONE;
    }

    @Override
    public JobResult process(Job job, ProcessingContext context) throws JobProcessingException {
        switch (job.payload()) {
            case "\"write\"":
                Path directory = context.workDirectory();
                workDirectories.add(directory);
                try {
                    Files.writeString(directory.resolve("out.txt"), "attempt " + context.attempt());
                } catch (IOException e) {
                    throw new JobProcessingException("cannot write in " + directory, true, e);
                }
                return new JobResult("{\"attempt\":" + context.attempt() + "}");
            case "\"hang\"":
                while (!context.isCancelled()) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new JobProcessingException("interrupted", true);
                    }
                }
                throw new JobProcessingException("job " + job.id() + " stopped on request", true);
            case "\"deaf\"":
                while (deafRelease.getCount() > 0) {
                    try {
                        deafRelease.await();
                    } catch (InterruptedException e) {
                        interrupted.add(job.id());
                    }
                }
                return new JobResult("{\"deaf\":true}");
            default:
                throw new JobProcessingException("job " + job.id() + " cannot be processed", false);
        }
    }

    @Override
    public void cancel(String jobId) {
        cancelled.add(jobId);
    }
}
