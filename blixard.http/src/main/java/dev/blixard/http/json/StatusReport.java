package dev.blixard.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's report on a job it holds, the body of {@code POST /api/queue/status/{id}}: {@code worker_id},
 * {@code status} ({@code InProgress}, {@code Completed} or {@code Failed}), {@code result} (any JSON, for
 * Completed), {@code error} (required for Failed) and {@code retryable} (for Failed, default true).
 *
 * @param workerId the reporting worker
 * @param status what the worker reports
 * @param result the result, for {@link JobStatus#COMPLETED}
 * @param failure the failure, for {@link JobStatus#FAILED}
 */
public record StatusReport(String workerId, JobStatus status, JobResult result, JobFailure failure) {

    /** @throws InvalidRequestException naming every invalid field */
    public static StatusReport read(FieldReader in, JsonCodec codec) {
        String workerId = in.text("worker_id");
        String statusText = in.text("status");
        JsonNode result = in.any("result");
        String error = in.text("error");
        Boolean retryable = in.bool("retryable");
        in.finish();

        List<Violation> violations = new ArrayList<>();
        if (workerId == null) {
            violations.add(new Violation("worker_id", "is required"));
        }
        JobStatus status = statusText == null ? null : parse(statusText);
        if (status == null) {
            violations.add(new Violation("status", "must be one of InProgress, Completed, Failed"));
        }
        if (status == JobStatus.FAILED && (error == null || error.isBlank())) {
            violations.add(new Violation("error", "is required when the status is Failed"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new StatusReport(workerId, status,
                status == JobStatus.COMPLETED ? (result == null ? JobResult.EMPTY : new JobResult(codec.text(result))) : null,
                status == JobStatus.FAILED ? new JobFailure(error, retryable == null || retryable, null) : null);
    }

    private static JobStatus parse(String text) {
        for (JobStatus reportable : List.of(JobStatus.IN_PROGRESS, JobStatus.COMPLETED, JobStatus.FAILED)) {
            if (reportable.displayName().equals(text)) {
                return reportable;
            }
        }
        return null;
    }
}
