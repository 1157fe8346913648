package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.blixard.api.event.EventHistory;
import dev.blixard.integration.osgi.RestClient.Answer;

/**
 * What a refused request must not change, as an admin sees it through the API: the queue's counts by status
 * and worker type, every job (status, attempt, last update), every worker (status, capacity, running jobs; not
 * its heartbeat, which agents renew on their own), every token, and the head of the event log. Two snapshots
 * are equal when nothing of this changed.
 *
 * @param counts the queue statistics' counts
 * @param jobs every job by id
 * @param workers every worker by id
 * @param tokens every token by id
 * @param eventHead the sequence of the newest event
 */
record StateSnapshot(String counts, Map<String, String> jobs, Map<String, String> workers, Map<String, String> tokens,
        long eventHead) {

    private static final int PAGE = 1000;

    static StateSnapshot take(RestClient rest, String admin, EventHistory history) throws IOException, InterruptedException {
        JsonNode stats = ok(rest.get("/queue/stats", admin)).json();
        String counts = stats.path("by_status") + " " + stats.path("by_worker_type") + " total " + stats.path("total");
        Map<String, String> workers = new TreeMap<>();
        for (JsonNode worker : ok(rest.get("/workers", admin)).json().path("workers")) {
            workers.put(worker.path("worker_id").asText(), worker.path("status").asText() + " capacity "
                    + worker.path("capacity") + " running " + worker.path("running_jobs"));
        }
        Map<String, String> tokens = new TreeMap<>();
        for (JsonNode token : ok(rest.get("/tokens", admin)).json().path("tokens")) {
            tokens.put(token.path("id").asText(), token.path("role").asText() + " " + token.path("tenant").asText());
        }
        return new StateSnapshot(counts, jobs(rest, admin), workers, tokens, history.latestSequence());
    }

    private static Map<String, String> jobs(RestClient rest, String admin) throws IOException, InterruptedException {
        Map<String, String> jobs = new TreeMap<>();
        String cursor = null;
        do {
            Answer page = ok(rest.get("/jobs?sort=created_at&order=asc&limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin));
            for (JsonNode job : page.json().path("jobs")) {
                jobs.put(job.path("id").asText(), job.path("status").asText() + " attempt " + job.path("attempt")
                        + " updated " + job.path("updated_at").asText());
            }
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText(null);
        } while (cursor != null);
        return jobs;
    }

    private static Answer ok(Answer answer) {
        assertEquals("snapshot read: " + answer, 200, answer.status());
        return answer;
    }
}
