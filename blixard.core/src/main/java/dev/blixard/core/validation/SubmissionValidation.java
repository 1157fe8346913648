package dev.blixard.core.validation;

import dev.blixard.api.job.JobSubmission;
import java.util.List;

/**
 * Every check a submission must pass before core proposes it: the registered
 * {@link dev.blixard.api.plugin.JobValidator}s (built in and third-party) and the
 * {@link dev.blixard.api.plugin.JobProcessor#validate} of processors for the submission's worker types.
 * Registered by the validator whiteboard; core's submit path calls it before anything is written.
 */
public interface SubmissionValidation {

    /**
     * Runs every validator over every submission and reports all problems together.
     *
     * @throws dev.blixard.api.InvalidRequestException listing every violation; for a batch of more than one
     *         submission each field is prefixed with {@code jobs[i].}
     */
    void validate(List<JobSubmission> submissions);
}
