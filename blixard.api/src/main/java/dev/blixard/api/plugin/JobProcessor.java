package dev.blixard.api.plugin;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles jobs of one worker type inside the node's JVM: the way third parties ship job logic in a plugin
 * jar. The node's worker agent claims jobs of {@link #workerType()} and calls {@link #process} on them.
 */
@ConsumerType
public interface JobProcessor extends Plugin {

    /** @return the worker type this processor handles, lower-case */
    String workerType();

    /** @return whether this processor can run this particular job */
    boolean canProcess(Job job);

    /**
     * Checks a submission of this processor's worker type before it is accepted (the node also runs this
     * as a validator for submissions naming {@link #workerType()}).
     */
    ValidationResult validate(JobSubmission submission);

    /** @return the compute one run of the job needs, for placement */
    Resources resourceRequirements(Job job);

    /**
     * Runs the job. Blocks until it is done; checks {@link ProcessingContext#isCancelled()} regularly.
     *
     * @return the result on success
     * @throws JobProcessingException when the job fails, saying whether another attempt may help
     */
    JobResult process(Job job, ProcessingContext context) throws JobProcessingException;

    /** Asks the run of {@code jobId} to stop; {@link #process} then returns or throws promptly. */
    void cancel(String jobId);
}
