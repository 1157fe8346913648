package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What a test asserts about the jobs of a cluster, read through one node's REST API. */
final class JobChecks {

    private JobChecks() {
    }

    /** @return {@code GET /api/queue/stats} of {@code node}: counts by status */
    static JsonNode byStatus(BlixardNode node) {
        return node.api().getJson("/api/queue/stats").path("by_status");
    }

    /** Waits until {@code node}'s replica counts {@code count} Completed jobs and nothing else unfinished. */
    static void awaitCompleted(BlixardNode node, int count, Duration deadline) throws InterruptedException {
        node.poll(count + " jobs Completed on this node's replica", deadline, () -> byStatus(node),
                counts -> counts.path("Completed").asInt() == count && unfinished(counts) == 0);
    }

    /**
     * Waits until {@code node}'s replica counts at least {@code count} Completed jobs and nothing unfinished (for
     * loads whose retried submits may have added a job).
     */
    static void awaitAtLeastCompleted(BlixardNode node, int count, Duration deadline) throws InterruptedException {
        node.poll("at least " + count + " jobs Completed on this node's replica", deadline, () -> byStatus(node),
                counts -> counts.path("Completed").asInt() >= count && unfinished(counts) == 0);
    }

    private static int unfinished(JsonNode counts) {
        return counts.path("Pending").asInt() + counts.path("Claimed").asInt() + counts.path("InProgress").asInt();
    }

    /**
     * Asserts that every job exists on {@code node}, is Completed, and has exactly one attempt whose outcome
     * is Completed (re-runs after a lost lease may show as other attempts, never a second completion).
     *
     * @return how many jobs ran more than once
     */
    static int assertCompletedOnce(BlixardNode node, Collection<String> jobIds) {
        List<String> reruns = new ArrayList<>();
        for (String id : jobIds) {
            JsonNode job = node.api().getJson("/api/jobs/" + id);
            assertEquals("status of " + id, "Completed", job.path("status").asText());
            int completions = 0;
            for (JsonNode attempt : job.path("attempts")) {
                if ("Completed".equals(attempt.path("outcome").asText())) {
                    completions++;
                }
            }
            assertEquals("Completed attempts of " + id + ": " + job.path("attempts"), 1, completions);
            if (job.path("attempts").size() > 1) {
                reruns.add(id);
            }
        }
        return reruns.size();
    }
}
