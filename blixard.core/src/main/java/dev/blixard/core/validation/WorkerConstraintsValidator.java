package dev.blixard.core.validation;

import dev.blixard.api.Health;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Limits what one job may ask of a worker: how many worker types and labels it lists, how long label values
 * are, and how much CPU, memory and disk it requests. The limits are configurable so operators can tighten
 * them for their cluster; a job asking for more than any worker has would otherwise wait for ever.
 *
 * <p>{@link JobSubmission.Builder#build()} already refuses malformed or repeated worker types, malformed
 * label keys and negative resources with the same rules, so those are not reported twice; only a
 * defensive check on negative resources remains, because every limit below relies on it.
 */
@Component(service = JobValidator.class, configurationPid = WorkerConstraintsValidator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WorkerConstraintsConfig.class)
public final class WorkerConstraintsValidator implements JobValidator {
    static final String PID = "blixard.validator.constraints";

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "Limits the worker types, labels and resources a single job may ask for.");

    private final WorkerConstraintsConfig config;

    @Activate
    public WorkerConstraintsValidator(WorkerConstraintsConfig config) {
        this.config = config;
    }

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("ok").withDetails(Map.of(
                "max_worker_types", Integer.toString(config.max_worker_types()),
                "max_labels", Integer.toString(config.max_labels()),
                "max_label_value", Integer.toString(config.max_label_value()),
                "max_cpu", Double.toString(config.max_cpu()),
                "max_memory_mb", Long.toString(config.max_memory_mb()),
                "max_disk_mb", Long.toString(config.max_disk_mb())));
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        Violations violations = new Violations();
        int types = submission.workerTypes().size();
        if (types > config.max_worker_types()) {
            violations.add("worker_types", "lists " + types + " worker types, at most " + config.max_worker_types()
                    + " allowed");
        }
        Map<String, String> labels = submission.labels();
        if (labels.size() > config.max_labels()) {
            violations.add("labels", "has " + labels.size() + " labels, at most " + config.max_labels() + " allowed");
        }
        // Sorted, so that the client sees the same order of messages for the same request.
        new TreeMap<>(labels).forEach((key, value) -> {
            if (value.length() > config.max_label_value()) {
                violations.add("labels." + key, "is " + value.length() + " characters long, at most "
                        + config.max_label_value() + " allowed");
            }
        });
        Resources resources = submission.resources();
        checkAmount(violations, "resources.cpu", resources.cpu(), config.max_cpu(), "cores");
        checkAmount(violations, "resources.memory_mb", resources.memoryMb(), config.max_memory_mb(), "MiB");
        checkAmount(violations, "resources.disk_mb", resources.diskMb(), config.max_disk_mb(), "MiB");
        return violations.result();
    }

    private static void checkAmount(Violations violations, String field, double requested, double max, String unit) {
        if (requested < 0) {
            violations.add(field, "must not be negative, was " + format(requested));
        } else if (max > 0 && requested > max) {
            violations.add(field, "asks for " + format(requested) + " " + unit + ", at most " + format(max)
                    + " allowed per job");
        }
    }

    /** Whole amounts without a trailing ".0": memory and disk are integers, and most CPU requests are. */
    private static String format(double amount) {
        return amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount);
    }
}
