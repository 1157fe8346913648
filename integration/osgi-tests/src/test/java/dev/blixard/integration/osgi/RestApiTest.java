package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.integration.osgi.RestClient.Answer;

/**
 * The REST API of {@code API.md} over real HTTP (Jetty in Felix, core, store, the mock backend), with a
 * fixed-token test {@code Authenticator}: the job flow (a published job completes on the mock backend), an
 * external worker's claim and reports, cancel and retry, the node endpoints, every route of the served
 * OpenAPI document, and the error answers, which change nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiTest extends BlixardTestSupport {

    private static final String ADMIN = "admin-token";
    private static final String CLIENT = "client-token";
    private static final String OTHER_CLIENT = "other-client-token";
    private static final String WORKER = "worker-token";
    private static final String TENANT = "rest-it";
    private static final long COMPLETION_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(20);
    private static final String MOCK_JOB = "{\"payload\": {\"duration_ms\": 5, \"outcome\": \"success\", "
            + "\"output\": {\"rest\": true}}, \"worker_types\": [\"mock\"]}";

    private static boolean authenticatorRegistered;

    private RestClient rest;

    @Before
    public void awaitApi() throws Exception {
        if (!authenticatorRegistered) {
            Bundle http = installedBundle("blixard.http").orElseThrow(() -> new AssertionError("no blixard.http bundle"));
            TestAuthenticator.register(bundleContext, http, Map.of(
                    ADMIN, new TestAuthenticator.Token("ADMIN", null),
                    CLIENT, new TestAuthenticator.Token("CLIENT", TENANT),
                    OTHER_CLIENT, new TestAuthenticator.Token("CLIENT", "other"),
                    WORKER, new TestAuthenticator.Token("WORKER", null)));
            authenticatorRegistered = true;
        }
        awaitService(JobCommandService.class);
        awaitService(WorkerService.class);
        rest = new RestClient(BlixardRuntimeOptions.HTTP_HOST,
                bundleContext.getProperty(BlixardRuntimeOptions.HTTP_PORT_PROPERTY));
        Answer health = Poll.until(SERVICE_TIMEOUT_MS, () -> call(() -> rest.get("/health", ADMIN)),
                answer -> answer.status() == 200);
        assertEquals("GET /api/health: " + health, 200, health.status());
    }

    @Test
    public void publishedJobCompletesOnTheMockBackend() throws Exception {
        Answer published = rest.post("/queue/publish", CLIENT, MOCK_JOB);
        assertEquals("publish: " + published, 201, published.status());
        String id = published.json().path("job_id").asText();

        Answer job = awaitStatus(id, CLIENT, "Completed");
        assertEquals(TENANT, job.json().path("tenant").asText());
        assertTrue("result: " + job, job.json().path("result").has("exit_code"));
        assertEquals("attempts: " + job, 1, job.json().path("attempts").size());
        assertEquals("Completed", job.json().path("attempts").path(0).path("outcome").asText());
        assertTrue("finished_at: " + job, job.json().path("finished_at").asText().endsWith("Z"));

        String keyed = "{\"payload\": 1, \"worker_types\": [\"mock\"], \"idempotency_key\": \"rest-key\"}";
        Answer first = rest.post("/queue/publish", CLIENT, keyed);
        Answer again = rest.post("/queue/publish", CLIENT, keyed);
        assertEquals("first keyed publish: " + first, 201, first.status());
        assertEquals("repeated keyed publish: " + again, 200, again.status());
        assertEquals(first.json().path("job_id"), again.json().path("job_id"));
    }

    @Test
    public void batchIsTenantScopedAndListed() throws Exception {
        Answer batch = rest.post("/queue/publish/batch", CLIENT, "{\"jobs\": [" + MOCK_JOB + ", " + MOCK_JOB
                + ", {\"payload\": {}, \"worker_types\": [\"mock\"], \"depends_on\": [\"batch:0\"]}]}");
        assertEquals("batch: " + batch, 201, batch.status());
        assertEquals(3, batch.json().path("job_ids").size());
        String id = batch.json().path("job_ids").path(0).asText();

        assertEquals(403, rest.get("/jobs/" + id, OTHER_CLIENT).status());
        assertEquals(200, rest.get("/jobs/" + id, ADMIN).status());
        assertEquals(403, rest.post("/queue/publish", OTHER_CLIENT, "{\"payload\": 1, \"tenant\": \"" + TENANT + "\"}")
                .status());
        assertEquals(403, rest.get("/jobs?tenant=" + TENANT, OTHER_CLIENT).status());

        Answer page = rest.get("/jobs?limit=2&sort=created_at&order=asc", CLIENT);
        assertEquals("listing: " + page, 200, page.status());
        assertEquals(2, page.json().path("jobs").size());
        assertFalse("a second page is expected: " + page, page.json().path("next_cursor").isNull());
        for (JsonNode job : page.json().path("jobs")) {
            assertEquals(TENANT, job.path("tenant").asText());
        }
        Answer others = rest.get("/jobs", OTHER_CLIENT);
        assertEquals("another tenant's listing: " + others, 0, others.json().path("jobs").size());
    }

    @Test
    public void externalWorkerClaimsAndReports() throws Exception {
        String worker = "rest-ext-1";
        Answer registered = rest.post("/workers/register", WORKER,
                "{\"worker_id\": \"" + worker + "\", \"worker_types\": [\"restext\"], \"capacity\": 2, "
                        + "\"resources\": {\"cpu\": 1, \"memory_mb\": 512}, \"labels\": {\"zone\": \"a\"}}");
        assertEquals("register: " + registered, 200, registered.status());
        assertEquals("Active", registered.json().path("status").asText());

        Answer empty = rest.post("/queue/claim", WORKER, "{\"worker_id\": \"" + worker
                + "\", \"worker_type\": \"restext\", \"wait_ms\": 500}");
        assertEquals("empty long-poll: " + empty, 200, empty.status());
        assertEquals(0, empty.json().path("jobs").size());

        String id = rest.post("/queue/publish", ADMIN, "{\"payload\": {\"n\": 1}, \"worker_types\": [\"restext\"]}")
                .json().path("job_id").asText();
        Answer claimed = rest.post("/queue/claim", WORKER, "{\"worker_id\": \"" + worker
                + "\", \"worker_types\": [\"restext\"], \"max_jobs\": 5, \"lease_ms\": 20000, \"wait_ms\": 5000}");
        assertEquals("claim: " + claimed, 200, claimed.status());
        assertEquals(id, claimed.json().path("jobs").path(0).path("id").asText());
        assertEquals("Claimed", claimed.json().path("jobs").path(0).path("status").asText());

        String status = "/queue/status/" + id;
        Answer started = rest.post(status, WORKER, "{\"worker_id\": \"" + worker + "\", \"status\": \"InProgress\"}");
        assertEquals("start: " + started, "InProgress", started.json().path("status").asText());
        Answer beat = rest.post("/workers/" + worker + "/heartbeat", WORKER, null);
        assertEquals("heartbeat: " + beat, 200, beat.status());
        assertEquals(0, beat.json().path("cancel").size());
        Answer done = rest.post(status, WORKER, "{\"worker_id\": \"" + worker
                + "\", \"status\": \"Completed\", \"result\": {\"ok\": true}}");
        assertEquals("complete: " + done, "Completed", done.json().path("status").asText());
        assertTrue(done.json().path("result").path("ok").asBoolean());
        Answer twice = rest.post(status, WORKER, "{\"worker_id\": \"" + worker + "\", \"status\": \"Completed\"}");
        assertProblem(twice, 409, "conflict");

        assertEquals("Draining", rest.post("/workers/" + worker + "/drain", WORKER, null).json().path("status").asText());
        assertEquals(200, rest.get("/workers/" + worker, ADMIN).status());
        Answer workers = rest.get("/workers", ADMIN);
        assertTrue("workers: " + workers, workers.json().path("workers").findValuesAsText("worker_id").contains(worker));
    }

    @Test
    public void cancelAndRetryFollowTheLifeCycle() throws Exception {
        String id = rest.post("/queue/publish", CLIENT, "{\"payload\": 2, \"worker_types\": [\"restnobody\"]}")
                .json().path("job_id").asText();
        Answer cancelled = rest.post("/jobs/" + id + "/cancel", CLIENT, "{\"reason\": \"changed my mind\"}");
        assertEquals("cancel: " + cancelled, "Cancelled", cancelled.json().path("status").asText());
        assertProblem(rest.post("/jobs/" + id + "/cancel", CLIENT, null), 409, "conflict");
        assertProblem(rest.post("/jobs/" + id + "/retry", OTHER_CLIENT, null), 403, "forbidden");
        Answer retried = rest.post("/jobs/" + id + "/retry", CLIENT, null);
        assertEquals("retry: " + retried, "Pending", retried.json().path("status").asText());
        assertProblem(rest.post("/jobs/" + id + "/retry", CLIENT, null), 409, "conflict");
        assertEquals(200, rest.post("/jobs/" + id + "/cancel", ADMIN, null).status());
    }

    @Test
    public void nodeEndpointsAnswer() throws Exception {
        Answer health = rest.get("/health", WORKER);
        assertTrue("health: " + health, health.json().path("ready").asBoolean());
        assertTrue("health components: " + health, health.json().path("components").has("store"));
        Answer backends = rest.get("/backends", ADMIN);
        assertTrue("backends: " + backends, backends.json().path("backends").findValuesAsText("type").contains("mock"));
        Answer plugins = rest.get("/plugins", ADMIN);
        assertTrue("plugins: " + plugins, plugins.json().path("plugins").size() > 0);
        Answer stats = rest.get("/queue/stats", ADMIN);
        assertEquals("stats: " + stats, 6, stats.json().path("by_status").size());
        assertProblem(rest.get("/queue/stats", CLIENT), 403, "forbidden");
    }

    /**
     * Every operation of the served OpenAPI document reaches its handler: none answers as an unknown
     * route (404 naming no entity) or with 405. Ids name nothing and POSTs carry no body, so nothing changes.
     */
    @Test
    public void everyDocumentedRouteAnswers() throws Exception {
        Answer document = rest.get("/openapi.json", CLIENT);
        assertEquals(200, document.status());
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.json().path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey().replace("{id}", "no-such-id");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase();
                Answer answer = rest.method(method, concrete, ADMIN);
                String where = method + " " + concrete + ": " + answer;
                assertTrue(where, answer.status() != 405);
                assertTrue(where, answer.status() != 404 || answer.json().path("detail").asText().contains("no-such-id"));
                operations++;
            }
        }
        assertEquals("operations in the document", 18, operations);
    }

    @Test
    public void badRequestsAreRefusedAndChangeNothing() throws Exception {
        long before = rest.get("/queue/stats", ADMIN).json().path("total").asLong();

        assertProblem(rest.post("/queue/publish", CLIENT, "{\"payload\": "), 400, "bad-request");
        assertProblem(rest.post("/queue/publish", CLIENT, "{\"payload\": 1, \"priorty\": 3}"), 400, "bad-request");
        assertProblem(rest.post("/queue/publish", CLIENT, "{\"payload\": 1, \"priority\": \"high\"}"), 400, "bad-request");
        assertProblem(rest.post("/queue/publish", CLIENT, "{\"payload\": " + "[".repeat(100) + "]".repeat(100) + "}"),
                400, "bad-request");
        assertProblem(rest.post("/queue/publish", CLIENT, "text/plain", "payload"), 415, "unsupported-media-type");
        assertProblem(rest.post("/queue/publish", CLIENT, "{\"payload\": \"" + "x".repeat((1 << 20) + 1) + "\"}"),
                413, "payload-too-large");
        Answer invalid = rest.post("/queue/publish", CLIENT, "{\"payload\": 1, \"priority\": 2000000000}");
        assertProblem(invalid, 422, "invalid-request");
        assertEquals("priority", invalid.json().path("errors").path(0).path("field").asText());
        Answer batch = rest.post("/queue/publish/batch", CLIENT,
                "{\"jobs\": [{\"payload\": 1}, {\"payload\": 1, \"max_attempts\": 0}]}");
        assertProblem(batch, 422, "invalid-request");
        assertEquals("jobs[1].max_attempts", batch.json().path("errors").path(0).path("field").asText());

        assertProblem(rest.get("/jobs/no-such-job", ADMIN), 404, "not-found");
        assertProblem(rest.get("/no-such-route", ADMIN), 404, "not-found");
        assertProblem(rest.method("DELETE", "/jobs", ADMIN), 405, "method-not-allowed");
        assertProblem(rest.get("/jobs", null), 401, "unauthorized");
        assertProblem(rest.get("/jobs", "not-a-token"), 401, "unauthorized");
        assertProblem(rest.post("/queue/claim", CLIENT, "{\"worker_id\": \"w\"}"), 403, "forbidden");
        assertProblem(rest.get("/jobs", WORKER), 403, "forbidden");

        assertEquals("jobs in the queue after refused requests", before,
                rest.get("/queue/stats", ADMIN).json().path("total").asLong());
    }

    private Answer awaitStatus(String id, String token, String status) {
        Answer job = Poll.until(COMPLETION_TIMEOUT_MS, () -> call(() -> rest.get("/jobs/" + id, token)),
                answer -> status.equals(answer.json().path("status").asText()));
        assertEquals("job " + id + ": " + job, status, job.json().path("status").asText());
        return job;
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertEquals("status of " + answer, status, answer.status());
        assertTrue("content type of " + answer, answer.contentType().startsWith("application/problem+json"));
        assertEquals("type of " + answer, "https://blixard.dev/problems/" + type, answer.json().path("type").asText());
        assertEquals(status, answer.json().path("status").asInt());
        assertFalse("title of " + answer, answer.json().path("title").asText().isEmpty());
    }

    private interface HttpCall {
        Answer send() throws IOException, InterruptedException;
    }

    private static Answer call(HttpCall call) {
        try {
            return call.send();
        } catch (IOException e) {
            return new Answer(-1, "", com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
