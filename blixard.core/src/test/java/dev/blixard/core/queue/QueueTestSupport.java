package dev.blixard.core.queue;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.store.Consistency;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Short ways to drive a queue from tests. */
final class QueueTestSupport {
    private final JobQueue queue;

    QueueTestSupport(JobQueue queue) {
        this.queue = queue;
    }

    String submit(JobSubmission.Builder submission) {
        return queue.submitter().submit(List.of(submission.build())).get(0).jobId();
    }

    static JobSubmission.Builder job(String... types) {
        return JobSubmission.builder("{}").workerTypes(types);
    }

    List<Job> claim(String workerId, int maxJobs, String... types) {
        return claim(ClaimRequest.builder(workerId).workerTypes(types).maxJobs(maxJobs).build());
    }

    List<Job> claim(ClaimRequest request) {
        try {
            return queue.claims().claim(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("claim of " + request + " failed", e);
        }
    }

    static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    Job get(String id) {
        return queue.reads().get(id, Consistency.LINEARIZABLE).orElseThrow();
    }

    /** @return the topics of the replicated event log for one job, oldest first */
    List<String> eventsOf(String jobId) {
        return queue.context().database().read(Consistency.LINEARIZABLE, connection -> {
            List<String> topics = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT topic FROM events WHERE job_id = ? ORDER BY seq")) {
                query.setString(1, jobId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        topics.add(row.getString(1).substring("blixard/job/".length()));
                    }
                }
            }
            return topics;
        });
    }

    /** @return how many rows of the ready queue a job has */
    long readyRows(String jobId) {
        return queue.context().database().read(Consistency.LINEARIZABLE, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM ready_queue WHERE job_id = ?")) {
                query.setString(1, jobId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
