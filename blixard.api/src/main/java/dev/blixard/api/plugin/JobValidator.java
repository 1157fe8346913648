package dev.blixard.api.plugin;

import dev.blixard.api.job.JobSubmission;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check run on every submission before it is accepted. Validators compose: all registered validators
 * run, and every problem any of them finds is reported to the client together; one problem rejects the
 * submission. Validators must be fast and side-effect free: they run on the submitting thread.
 *
 * <p>A validator for one worker type ignores submissions for other types (return
 * {@link ValidationResult#VALID}).
 */
@ConsumerType
public interface JobValidator extends Plugin {

    /** @return the verdict on {@code submission} */
    ValidationResult validate(JobSubmission submission);
}
