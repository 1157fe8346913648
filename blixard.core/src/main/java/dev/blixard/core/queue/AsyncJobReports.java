package dev.blixard.core.queue;

import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import java.util.concurrent.CompletionStage;

/**
 * A worker's reports on the jobs it holds, without blocking a thread per report and without reading the job
 * back: what the node's own agent uses to report thousands of jobs a second. The same checks and outcomes as
 * the {@link dev.blixard.api.service.JobCommandService} methods of the same names; failures complete the
 * stage exceptionally with the same exceptions.
 */
public interface AsyncJobReports {

    CompletionStage<Void> startAsync(String jobId, String workerId);

    CompletionStage<Void> completeAsync(String jobId, String workerId, JobResult result);

    CompletionStage<Void> failAsync(String jobId, String workerId, JobFailure failure);

    CompletionStage<Void> releaseAsync(String jobId, String workerId, String reason);
}
