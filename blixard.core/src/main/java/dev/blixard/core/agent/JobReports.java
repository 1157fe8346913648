package dev.blixard.core.agent;

import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.core.queue.AsyncJobReports;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How the agent reports on the jobs it holds. The node's own command service reports asynchronously (no
 * thread waits per report, so thousands are in flight and the queue writes them together); any other
 * {@link JobCommandService} (a test's, a future remote one) is called as the API says, on a report thread.
 */
interface JobReports {

    CompletionStage<?> start(String jobId, String workerId);

    CompletionStage<?> complete(String jobId, String workerId, JobResult result);

    CompletionStage<?> fail(String jobId, String workerId, JobFailure failure);

    CompletionStage<?> release(String jobId, String workerId, String reason);

    /** @return the fastest way to report to {@code jobs} */
    static JobReports to(JobCommandService jobs) {
        if (jobs instanceof AsyncJobReports) {
            AsyncJobReports async = (AsyncJobReports) jobs;
            return new JobReports() {
                @Override
                public CompletionStage<?> start(String jobId, String workerId) {
                    return async.startAsync(jobId, workerId);
                }

                @Override
                public CompletionStage<?> complete(String jobId, String workerId, JobResult result) {
                    return async.completeAsync(jobId, workerId, result);
                }

                @Override
                public CompletionStage<?> fail(String jobId, String workerId, JobFailure failure) {
                    return async.failAsync(jobId, workerId, failure);
                }

                @Override
                public CompletionStage<?> release(String jobId, String workerId, String reason) {
                    return async.releaseAsync(jobId, workerId, reason);
                }
            };
        }
        return new JobReports() {
            @Override
            public CompletionStage<?> start(String jobId, String workerId) {
                return CompletableFuture.completedFuture(jobs.start(jobId, workerId));
            }

            @Override
            public CompletionStage<?> complete(String jobId, String workerId, JobResult result) {
                return CompletableFuture.completedFuture(jobs.complete(jobId, workerId, result));
            }

            @Override
            public CompletionStage<?> fail(String jobId, String workerId, JobFailure failure) {
                return CompletableFuture.completedFuture(jobs.fail(jobId, workerId, failure));
            }

            @Override
            public CompletionStage<?> release(String jobId, String workerId, String reason) {
                return CompletableFuture.completedFuture(jobs.release(jobId, workerId, reason));
            }
        };
    }
}
