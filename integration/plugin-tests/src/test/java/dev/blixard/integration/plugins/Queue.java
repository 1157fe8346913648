package dev.blixard.integration.plugins;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What the tests ask a node's queue, through its REST API as the admin. */
final class Queue {
    private final BlixardNode node;
    private final NodeApi api;

    Queue(BlixardNode node) {
        this.node = node;
        this.api = node.api();
    }

    /** @return the id of a job published for {@code workerType}, with one attempt only: a release must not use it */
    String publish(String workerType, Map<String, Object> payload) {
        return api.publish(NodeApi.write(Map.of("worker_types", List.of(workerType), "payload", payload,
                "max_attempts", 1)));
    }

    String status(String jobId) {
        return api.job(jobId).path("status").asText();
    }

    /** Waits until every job is in {@code status} and returns them; fails naming the first one that is not. */
    List<JsonNode> awaitAll(List<String> jobIds, String status, Duration deadline) throws InterruptedException {
        List<JsonNode> jobs = new ArrayList<>();
        for (String id : jobIds) {
            jobs.add(awaitJob(id, "job " + id + " " + status, deadline, job -> status.equals(job.path("status").asText())));
        }
        return jobs;
    }

    JsonNode awaitJob(String jobId, String what, Duration deadline, Predicate<JsonNode> done) throws InterruptedException {
        return node.poll(what, deadline, () -> api.job(jobId), done);
    }

    /** Waits until a worker of {@code workerType} is registered and active, as after its provider started. */
    void awaitActiveWorker(String workerType) throws InterruptedException {
        node.poll("an active " + workerType + " worker", Duration.ofSeconds(30), () -> activeWorkers(workerType),
                workers -> !workers.isEmpty());
    }

    /** @return the node's workers whose types include {@code workerType} and whose status is Active */
    List<JsonNode> activeWorkers(String workerType) {
        List<JsonNode> active = new ArrayList<>();
        HttpResponse<String> answer = api.send("GET", "/api/workers", null);
        if (answer.statusCode() == 503) {
            // A deploy can make the framework refresh the bundles wired to the new one, core among them: the
            // worker service is away for that moment, which is "no worker yet", not a failure.
            return List.of();
        }
        assertEquals(answer.body(), 200, answer.statusCode());
        for (JsonNode worker : NodeApi.read(answer.body()).path("workers")) {
            boolean ofType = false;
            for (JsonNode type : worker.path("worker_types")) {
                ofType |= workerType.equals(type.asText());
            }
            if (ofType && "Active".equals(worker.path("status").asText())) {
                active.add(worker);
            }
        }
        return active;
    }

    /** @return the version {@code /api/plugins} lists for the plugin named {@code name}, or an empty string */
    String pluginVersion(String name) {
        for (JsonNode plugin : api.getJson("/api/plugins").path("plugins")) {
            if (name.equals(plugin.path("name").asText())) {
                return plugin.path("version").asText();
            }
        }
        return "";
    }

    /** @return whether {@code /api/backends} lists a backend of {@code type} */
    boolean hasBackend(String type) {
        return !backend(type).isMissingNode();
    }

    /** @return the {@code /api/backends} entry of the backend of {@code type}, or a missing node */
    JsonNode backend(String type) {
        for (JsonNode backend : api.getJson("/api/backends").path("backends")) {
            if (type.equals(backend.path("type").asText())) {
                return backend;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** @return how many attempts of the job ended with {@code outcome} (for example {@code Released}) */
    static long attemptsWithOutcome(JsonNode job, String outcome) {
        long count = 0;
        for (JsonNode attempt : job.path("attempts")) {
            if (outcome.equals(attempt.path("outcome").asText())) {
                count++;
            }
        }
        return count;
    }
}
