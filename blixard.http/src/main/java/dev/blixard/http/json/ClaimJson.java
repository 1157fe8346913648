package dev.blixard.http.json;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.service.ClaimRequest;
import java.time.Duration;
import java.util.List;

/**
 * The body of {@code POST /api/queue/claim}: {@code worker_id}, {@code worker_type} or {@code worker_types},
 * {@code max_jobs} (default 1), {@code lease_ms}, {@code wait_ms}, and {@code start_on_claim} (default false:
 * true answers the jobs already {@code InProgress}, so a worker that starts at once skips one request per job).
 */
public final class ClaimJson {

    private ClaimJson() {
    }

    /** @throws InvalidRequestException when the claim is invalid, or names both forms of worker type */
    public static ClaimRequest read(FieldReader in) {
        String workerId = in.text("worker_id");
        String workerType = in.text("worker_type");
        List<String> workerTypes = in.texts("worker_types");
        Integer maxJobs = in.integer("max_jobs");
        Duration lease = in.millis("lease_ms");
        Duration wait = in.millis("wait_ms");
        Boolean startOnClaim = in.bool("start_on_claim");
        in.finish();
        if (workerType != null && workerTypes != null) {
            throw new InvalidRequestException("worker_type", "give worker_type or worker_types, not both");
        }
        ClaimRequest.Builder claim = ClaimRequest.builder(workerId);
        Given.set(workerType, claim::workerTypes);
        Given.set(workerTypes, claim::workerTypes);
        Given.set(maxJobs, claim::maxJobs);
        Given.set(lease, claim::lease);
        Given.set(wait, claim::waitFor);
        Given.set(startOnClaim, claim::startsOnClaim);
        return claim.build();
    }
}
