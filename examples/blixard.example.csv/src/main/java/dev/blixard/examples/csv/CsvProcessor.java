package dev.blixard.examples.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.Health;
import dev.blixard.api.Violation;
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
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs of worker type {@value #TYPE}: aggregates a CSV file into a summary CSV (see
 * {@link CsvRequest} for the payload and {@link Aggregator} for the defaults). The node's worker agent
 * calls {@link #process} on its own threads; this component starts none.
 *
 * <p>A run stops within {@value CsvAggregation#CHECK_EVERY} rows of being cancelled, of its timeout, of
 * its thread being interrupted, or of this component being deactivated; the summary is then left as it
 * was. Bad rows are counted and skipped; a file none of whose rows can be used fails the job for good.
 */
@Component(service = JobProcessor.class, configurationPid = CsvProcessor.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CsvProcessorConfig.class)
public final class CsvProcessor implements JobProcessor {
    /** The worker type this processor runs. */
    public static final String TYPE = "csv";
    static final String PID = "blixard.example.csv";

    private static final Logger LOG = LoggerFactory.getLogger(CsvProcessor.class);

    private final PluginMetadata metadata = PluginInfo.metadata(CsvProcessor.class, "csv-aggregate",
            "Groups the rows of a CSV file by a column and sums the others into a summary CSV (worker type csv).");
    private final ObjectMapper mapper = new ObjectMapper();
    private final CsvRequestParser parser = new CsvRequestParser(mapper);
    private final CsvSettings settings;
    private final PathPolicy paths;
    /** Why jobs cannot run here at all (a missing base directory), found at activation; null when fine. */
    private final String unusable;
    /** Why each running job must stop, by job id: null while it may go on; set by {@link #cancel} and {@link #deactivate}. */
    private final ConcurrentMap<String, AtomicReference<Interruption.Stop>> running = new ConcurrentHashMap<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    /** Activated by Declarative Services, and again on every configuration change. */
    @Activate
    public CsvProcessor(CsvProcessorConfig config) {
        this(CsvSettings.of(config));
    }

    CsvProcessor(CsvSettings settings) {
        this.settings = settings;
        this.paths = new PathPolicy(settings.baseDirectory());
        // Checked once here, so that health() never touches the disk and cannot block.
        this.unusable = settings.baseDirectory().filter(base -> !Files.isDirectory(base))
                .map(base -> "base directory " + base + " is not a directory").orElse(null);
        LOG.info("CSV processor {} active; base directory {}", metadata.version(),
                settings.baseDirectory().map(Object::toString).orElse("none (any absolute path)"));
    }

    /** Stops every run promptly; the agent gives their jobs back to the queue. */
    @Deactivate
    void deactivate() {
        closed = true;
        running.values().forEach(stop -> stop.compareAndSet(null, RunInterruption.STOPPING));
        LOG.info("CSV processor deactivated; {} runs asked to stop", running.size());
    }

    @Override
    public PluginMetadata metadata() {
        return metadata;
    }

    @Override
    public Health health() {
        Health health = unusable == null ? Health.up("aggregates CSV files") : Health.down(unusable);
        return health.withDetails(Map.of(
                "base_directory", settings.baseDirectory().map(Object::toString).orElse(""),
                "running", Integer.toString(running.size()),
                "succeeded", Long.toString(succeeded.get()),
                "failed", Long.toString(failed.get())));
    }

    @Override
    public String workerType() {
        return TYPE;
    }

    /**
     * Takes jobs addressed to {@value #TYPE} (a bad payload then fails with its reason), and jobs open to any
     * worker type only when their payload is a csv request, so that other jobs are left to other workers.
     */
    @Override
    public boolean canProcess(Job job) {
        return job.workerTypes().contains(TYPE) || parser.parse(job.payload()).request().isPresent();
    }

    /**
     * The base-directory rule only: the shape of the payload is {@link CsvPayloadValidator}'s job, and
     * checking it here too would report every mistake twice.
     */
    @Override
    public ValidationResult validate(JobSubmission submission) {
        if (paths.base().isEmpty()) {
            return ValidationResult.VALID;
        }
        return parser.parse(submission.payload()).request().map(paths::check).map(ValidationResult::new)
                .orElse(ValidationResult.VALID);
    }

    /** What the client asked for: the processor cannot know a file's size without touching the disk. */
    @Override
    public Resources resourceRequirements(Job job) {
        return job.resources();
    }

    @Override
    public JobResult process(Job job, ProcessingContext context) throws JobProcessingException {
        String id = job.id();
        CsvRequest request = request(job);
        if (closed) {
            throw failure(id, "the processor is stopping", true, null);
        }
        AtomicReference<Interruption.Stop> stop = new AtomicReference<>();
        running.put(id, stop);
        try {
            checkPaths(id, request);
            Interruption interruption = new RunInterruption(context, stop, job.timeout());
            LOG.info("Job {}: aggregating {} into {}", id, request.dataset(), request.output());
            AggregationReport report = new CsvAggregation(request, settings, interruption).run();
            LOG.info("Job {}: {} rows read, {} skipped, {} groups, {} bytes written to {} in {} ms", id,
                    report.rowsRead(), report.rowsSkipped(), report.groups(), report.bytesWritten(), report.output(),
                    report.durationMillis());
            succeeded.incrementAndGet();
            return new JobResult(report.toJson(mapper, metadata.version()));
        } catch (StoppedException e) {
            throw failure(id, "stopped: " + e.getMessage(), e.stop().retryable(), e);
        } catch (BadDatasetException e) {
            throw failure(id, e.getMessage(), false, e);
        } catch (NoSuchFileException e) {
            throw failure(id, "no such file or directory: " + e.getFile(), false, e);
        } catch (AccessDeniedException e) {
            throw failure(id, "permission denied: " + e.getFile(), false, e);
        } catch (IOException e) {
            // Disk full, a flaky network file system: another attempt may well succeed.
            throw failure(id, "I/O error: " + e, true, e);
        } finally {
            running.remove(id);
        }
    }

    @Override
    public void cancel(String jobId) {
        AtomicReference<Interruption.Stop> stop = running.get(jobId);
        if (stop != null) {
            stop.compareAndSet(null, RunInterruption.CANCELLED);
            LOG.info("Job {}: cancel requested", jobId);
        }
    }

    private CsvRequest request(Job job) throws JobProcessingException {
        CsvRequestParser.Parsed parsed = parser.parse(job.payload());
        Optional<CsvRequest> request = parsed.request();
        if (request.isEmpty()) {
            throw failure(job.id(), "invalid payload: " + parsed.violations(), false, null);
        }
        return request.get();
    }

    private void checkPaths(String id, CsvRequest request) throws JobProcessingException, IOException {
        if (unusable != null) {
            throw failure(id, unusable, true, null);
        }
        // The textual check again: the job may have been submitted on a node with another base directory.
        List<Violation> outside = paths.check(request);
        if (!outside.isEmpty()) {
            throw failure(id, outside.get(0).toString(), false, null);
        }
        Optional<String> refused = paths.checkReal(request);
        if (refused.isPresent()) {
            throw failure(id, refused.get(), false, null);
        }
    }

    private JobProcessingException failure(String id, String message, boolean retryable, Exception cause) {
        failed.incrementAndGet();
        LOG.warn("Job {}: {}", id, message);
        return new JobProcessingException("csv job " + id + ": " + message, retryable, cause);
    }
}
