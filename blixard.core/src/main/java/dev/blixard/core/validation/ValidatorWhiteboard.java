package dev.blixard.core.validation;

import dev.blixard.api.Health;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every registered {@link JobValidator}, and the {@link JobProcessor#validate} of every processor
 * whose worker type a submission names, over each submission, and rejects the request with all their
 * findings at once. Validators come and go at runtime: one registered now applies to the next submit.
 *
 * <p>A validator that throws has a bug; it is not the client's fault. Such a validator is logged, counted
 * in {@link #failures()} and {@link #health()}, and skipped, so one broken plugin cannot stop every
 * submit on the node.
 *
 * <p>To switch a built-in validator off, configure this component (PID {@value #PID}) with a target filter
 * on its reference, for example
 * {@code validators.target = (!(component.name=dev.blixard.core.validation.PayloadValidator))}, or
 * register a validator of your own in its place.
 *
 * <p>Also registered under its own class so that core's health reporting can read {@link #health()}.
 */
@Component(service = {SubmissionValidation.class, ValidatorWhiteboard.class},
        configurationPid = ValidatorWhiteboard.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ValidatorWhiteboard implements SubmissionValidation {
    static final String PID = "blixard.validation";

    private static final Logger LOG = LoggerFactory.getLogger(ValidatorWhiteboard.class);

    // Copy-on-write: submits iterate on every request, plugins change rarely.
    private final List<JobValidator> validators = new CopyOnWriteArrayList<>();
    private final List<JobProcessor> processors = new CopyOnWriteArrayList<>();
    private final PluginFailures failures = new PluginFailures();

    /** Binds a validator; it applies from the next submit on. */
    @Reference(name = "validators", service = JobValidator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeValidator")
    void addValidator(JobValidator validator) {
        validators.add(validator);
        LOG.info("Validator {} added", PluginFailures.nameOf(validator));
    }

    void removeValidator(JobValidator validator) {
        validators.remove(validator);
        failures.forget(PluginFailures.nameOf(validator));
        LOG.info("Validator {} removed", PluginFailures.nameOf(validator));
    }

    /** Binds a processor; its {@link JobProcessor#validate} applies to submissions naming its worker type. */
    @Reference(name = "processors", service = JobProcessor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeProcessor")
    void addProcessor(JobProcessor processor) {
        processors.add(processor);
    }

    void removeProcessor(JobProcessor processor) {
        processors.remove(processor);
        failures.forget(PluginFailures.nameOf(processor));
    }

    @Override
    public void validate(List<JobSubmission> submissions) {
        Objects.requireNonNull(submissions, "submissions");
        List<Violation> found = new ArrayList<>();
        boolean batch = submissions.size() > 1;
        for (int i = 0; i < submissions.size(); i++) {
            String prefix = batch ? "jobs[" + i + "]" : "";
            // A null here is the caller's bug; left alone it would be blamed on the first validator.
            JobSubmission submission = Objects.requireNonNull(submissions.get(i), "submission " + i);
            for (JobValidator validator : validators) {
                collect(validator, () -> validator.validate(submission), prefix, found);
            }
            for (JobProcessor processor : processors) {
                if (appliesTo(processor, submission)) {
                    collect(processor, () -> processor.validate(submission), prefix, found);
                }
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }

    /** @return each validator or processor that threw, by name, with its failure count and last error */
    public Map<String, String> failures() {
        return failures.snapshot();
    }

    /** @return up while every validator works; degraded, naming them, when some threw and were skipped */
    public Health health() {
        return failures.health(validators.size() + " validators and " + processors.size()
                + " processors check submissions");
    }

    private boolean appliesTo(JobProcessor processor, JobSubmission submission) {
        try {
            return submission.workerTypes().contains(processor.workerType());
        } catch (RuntimeException e) {
            fail(processor, e);
            return false;
        }
    }

    private void collect(Plugin plugin, Supplier<ValidationResult> check, String prefix,
            List<Violation> found) {
        ValidationResult result;
        try {
            result = check.get();
            if (result == null) {
                throw new IllegalStateException("validate returned null instead of ValidationResult.VALID");
            }
        } catch (RuntimeException e) {
            fail(plugin, e);
            return;
        }
        for (Violation violation : result.violations()) {
            found.add(prefix.isEmpty() ? violation : new Violation(prefixed(prefix, violation.field()),
                    violation.message()));
        }
    }

    private static String prefixed(String prefix, String field) {
        return field.isEmpty() ? prefix : prefix + "." + field;
    }

    private void fail(Plugin plugin, RuntimeException error) {
        String name = PluginFailures.nameOf(plugin);
        if (failures.record(name, PluginFailures.describe(error))) {
            LOG.warn("{} threw while validating a submission; it is skipped, and submissions are accepted "
                    + "without its check, until it is fixed", name, error);
        } else {
            LOG.debug("{} threw again and was skipped: {}", name, PluginFailures.describe(error));
        }
    }
}
