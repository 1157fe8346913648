package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.blixard.api.event.EventHistory;
import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.integration.osgi.EventStreamClient.Sse;
import dev.blixard.integration.osgi.RestClient.Answer;

/**
 * The REST API of {@code API.md} over real HTTP (Jetty in Felix, core, store, the mock backend), with real
 * tokens end to end (an admin token from core's {@link TokenService}, the others made with
 * {@code POST /api/tokens}): the job flow (a published job completes on the mock backend), an external
 * worker's claim and reports, cancel and retry, tokens, the cluster, the event stream with its resume, the
 * node endpoints, every route of the served OpenAPI document, and the error answers, which change nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiTest extends BlixardTestSupport {

    private static final String TENANT = "rest-it";
    private static final long COMPLETION_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(20);
    private static final long EVENT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(20);
    /** Jobs of nearly the largest payload allowed (1 MiB), so that a claim of all of them answers about 19 MB. */
    private static final int LARGE_JOBS = 32;
    private static final int LARGE_PAYLOAD_CHARS = 600_000;
    /** The most a socket's send buffer grows to on Linux ({@code net.ipv4.tcp_wmem}). */
    private static final int LINUX_SEND_BUFFER_MAX = 4 << 20;
    private static final String MOCK_JOB = "{\"payload\": {\"duration_ms\": 5, \"outcome\": \"success\", "
            + "\"output\": {\"rest\": true}}, \"worker_types\": [\"mock\"]}";

    /** Bearer secrets, made once per framework: the admin's through the token service, the others over HTTP. */
    private static String admin;
    private static String client;
    private static String otherClient;
    private static String worker;

    private RestClient rest;

    @Before
    public void awaitApi() throws Exception {
        rest = awaitRestApi();
        if (admin == null) {
            admin = awaitService(TokenService.class).create(Role.ADMIN, null, "RestApiTest admin").secret();
        }
        Answer health = Poll.until(SERVICE_TIMEOUT_MS, () -> call(() -> rest.get("/health", admin)),
                answer -> answer.status() == 200);
        assertEquals("GET /api/health: " + health, 200, health.status());
        if (worker == null) {
            client = createToken("client", TENANT);
            otherClient = createToken("client", "other");
            worker = createToken("worker", null);
        }
    }

    @Test
    public void publishedJobCompletesOnTheMockBackend() throws Exception {
        Answer published = rest.post("/queue/publish", client, MOCK_JOB);
        assertEquals("publish: " + published, 201, published.status());
        String id = published.json().path("job_id").asText();

        Answer job = awaitStatus(id, client, "Completed");
        assertEquals(TENANT, job.json().path("tenant").asText());
        assertTrue("result: " + job, job.json().path("result").has("exit_code"));
        assertEquals("attempts: " + job, 1, job.json().path("attempts").size());
        assertEquals("Completed", job.json().path("attempts").path(0).path("outcome").asText());
        assertTrue("finished_at: " + job, job.json().path("finished_at").asText().endsWith("Z"));

        String keyed = "{\"payload\": 1, \"worker_types\": [\"mock\"], \"idempotency_key\": \"rest-key\"}";
        Answer first = rest.post("/queue/publish", client, keyed);
        Answer again = rest.post("/queue/publish", client, keyed);
        assertEquals("first keyed publish: " + first, 201, first.status());
        assertEquals("repeated keyed publish: " + again, 200, again.status());
        assertEquals(first.json().path("job_id"), again.json().path("job_id"));
    }

    @Test
    public void batchIsTenantScopedAndListed() throws Exception {
        Answer batch = rest.post("/queue/publish/batch", client, "{\"jobs\": [" + MOCK_JOB + ", " + MOCK_JOB
                + ", {\"payload\": {}, \"worker_types\": [\"mock\"], \"depends_on\": [\"batch:0\"]}]}");
        assertEquals("batch: " + batch, 201, batch.status());
        assertEquals(3, batch.json().path("job_ids").size());
        String id = batch.json().path("job_ids").path(0).asText();

        assertEquals(403, rest.get("/jobs/" + id, otherClient).status());
        assertEquals(200, rest.get("/jobs/" + id, admin).status());
        assertEquals(403, rest.post("/queue/publish", otherClient, "{\"payload\": 1, \"tenant\": \"" + TENANT + "\"}")
                .status());
        assertEquals(403, rest.get("/jobs?tenant=" + TENANT, otherClient).status());

        Answer page = rest.get("/jobs?limit=2&sort=created_at&order=asc", client);
        assertEquals("listing: " + page, 200, page.status());
        assertEquals(2, page.json().path("jobs").size());
        assertFalse("a second page is expected: " + page, page.json().path("next_cursor").isNull());
        for (JsonNode job : page.json().path("jobs")) {
            assertEquals(TENANT, job.path("tenant").asText());
        }
        Answer others = rest.get("/jobs", otherClient);
        assertEquals("another tenant's listing: " + others, 0, others.json().path("jobs").size());
    }

    @Test
    public void externalWorkerClaimsAndReports() throws Exception {
        String workerId = "rest-ext-1";
        Answer registered = rest.post("/workers/register", worker,
                "{\"worker_id\": \"" + workerId + "\", \"worker_types\": [\"restext\"], \"capacity\": 2, "
                        + "\"resources\": {\"cpu\": 1, \"memory_mb\": 512}, \"labels\": {\"zone\": \"a\"}}");
        assertEquals("register: " + registered, 200, registered.status());
        assertEquals("Active", registered.json().path("status").asText());

        Answer empty = rest.post("/queue/claim", worker, "{\"worker_id\": \"" + workerId
                + "\", \"worker_type\": \"restext\", \"wait_ms\": 500}");
        assertEquals("empty long-poll: " + empty, 200, empty.status());
        assertEquals(0, empty.json().path("jobs").size());

        String id = rest.post("/queue/publish", admin, "{\"payload\": {\"n\": 1}, \"worker_types\": [\"restext\"]}")
                .json().path("job_id").asText();
        Answer claimed = rest.post("/queue/claim", worker, "{\"worker_id\": \"" + workerId
                + "\", \"worker_types\": [\"restext\"], \"max_jobs\": 5, \"lease_ms\": 20000, \"wait_ms\": 5000}");
        assertEquals("claim: " + claimed, 200, claimed.status());
        assertEquals(id, claimed.json().path("jobs").path(0).path("id").asText());
        assertEquals("Claimed", claimed.json().path("jobs").path(0).path("status").asText());

        String status = "/queue/status/" + id;
        Answer started = rest.post(status, worker, "{\"worker_id\": \"" + workerId + "\", \"status\": \"InProgress\"}");
        assertEquals("start: " + started, "InProgress", started.json().path("status").asText());
        Answer beat = rest.post("/workers/" + workerId + "/heartbeat", worker, null);
        assertEquals("heartbeat: " + beat, 200, beat.status());
        assertEquals(0, beat.json().path("cancel").size());
        Answer done = rest.post(status, worker, "{\"worker_id\": \"" + workerId
                + "\", \"status\": \"Completed\", \"result\": {\"ok\": true}}");
        assertEquals("complete: " + done, "Completed", done.json().path("status").asText());
        assertTrue(done.json().path("result").path("ok").asBoolean());
        Answer twice = rest.post(status, worker, "{\"worker_id\": \"" + workerId + "\", \"status\": \"Completed\"}");
        assertProblem(twice, 409, "conflict");

        assertEquals("Draining", rest.post("/workers/" + workerId + "/drain", worker, null).json().path("status").asText());
        assertEquals(200, rest.get("/workers/" + workerId, admin).status());
        Answer workers = rest.get("/workers", admin);
        assertTrue("workers: " + workers, workers.json().path("workers").findValuesAsText("worker_id").contains(workerId));
    }

    @Test
    public void aCallerThatStopsReadingHoldsUpNoOneElse() throws Exception {
        String type = "unread-answers";
        String blob = "x".repeat(LARGE_PAYLOAD_CHARS);
        for (int i = 0; i < LARGE_JOBS; i++) {
            Answer submitted = rest.post("/queue/publish", admin,
                    "{\"payload\": {\"blob\": \"" + blob + "\"}, \"worker_types\": [\"" + type + "\"]}");
            assertEquals("large job " + i + ": " + submitted, 201, submitted.status());
        }
        JobQueryService queries = awaitService(JobQueryService.class);
        int port = Integer.parseInt(bundleContext.getProperty(BlixardRuntimeOptions.HTTP_PORT_PROPERTY));
        try (UnreadConnection unread = UnreadConnection.connect(BlixardRuntimeOptions.HTTP_HOST, port)) {
            // The claim's answer (every large job) is far more than the connection holds while its caller does
            // not read. It is written on the thread that learns of the claim's commit, which answers everyone
            // else's writes too: that write must not wait for this caller.
            unread.post("/api/queue/claim", worker, "{\"worker_id\": \"unread-worker\", \"worker_type\": \""
                    + type + "\", \"max_jobs\": " + LARGE_JOBS + ", \"lease_ms\": 60000}");
            long claimed = Poll.until(COMPLETION_TIMEOUT_MS, () -> jobsOfType(queries, type, JobStatus.CLAIMED),
                    n -> n == LARGE_JOBS);
            assertEquals("jobs claimed by the caller that does not read", LARGE_JOBS, claimed);

            for (int i = 0; i < 20; i++) {
                Answer other;
                try {
                    other = rest.post("/queue/publish", admin, MOCK_JOB);
                } catch (HttpTimeoutException e) {
                    throw new AssertionError("another caller's submit " + i + " got no answer while one caller does "
                            + "not read: an answer's write waits for that caller", e);
                }
                assertEquals("another caller's submit " + i + " while one caller does not read: " + other, 201,
                        other.status());
            }

            UnreadConnection.RawAnswer answer = unread.read(1).get(0);
            assertEquals("the claim, once read", 200, answer.status());
            assertTrue("the answer (" + answer.body().length + " bytes) is larger than a connection holds",
                    answer.body().length > 3 * LINUX_SEND_BUFFER_MAX);
            assertEquals("every claimed job in the answer", LARGE_JOBS,
                    new ObjectMapper().readTree(answer.body()).path("jobs").size());
        }
    }

    private static long jobsOfType(JobQueryService queries, String type, JobStatus status) {
        return queries.stats().byWorkerType().getOrDefault(type, Map.of()).getOrDefault(status, 0L);
    }

    @Test
    public void cancelAndRetryFollowTheLifeCycle() throws Exception {
        String id = rest.post("/queue/publish", client, "{\"payload\": 2, \"worker_types\": [\"restnobody\"]}")
                .json().path("job_id").asText();
        Answer cancelled = rest.post("/jobs/" + id + "/cancel", client, "{\"reason\": \"changed my mind\"}");
        assertEquals("cancel: " + cancelled, "Cancelled", cancelled.json().path("status").asText());
        assertProblem(rest.post("/jobs/" + id + "/cancel", client, null), 409, "conflict");
        assertProblem(rest.post("/jobs/" + id + "/retry", otherClient, null), 403, "forbidden");
        Answer retried = rest.post("/jobs/" + id + "/retry", client, null);
        assertEquals("retry: " + retried, "Pending", retried.json().path("status").asText());
        assertProblem(rest.post("/jobs/" + id + "/retry", client, null), 409, "conflict");
        assertEquals(200, rest.post("/jobs/" + id + "/cancel", admin, null).status());
    }

    @Test
    public void nodeEndpointsAnswer() throws Exception {
        Answer health = rest.get("/health", worker);
        assertTrue("health: " + health, health.json().path("ready").asBoolean());
        assertTrue("health components: " + health, health.json().path("components").has("store"));
        assertEquals("health components: " + health, "Up",
                health.json().path("components").path("rest-api").path("status").asText());
        Answer backends = rest.get("/backends", admin);
        assertTrue("backends: " + backends, backends.json().path("backends").findValuesAsText("type").contains("mock"));
        Answer plugins = rest.get("/plugins", admin);
        assertTrue("plugins: " + plugins, plugins.json().path("plugins").size() > 0);
        Answer stats = rest.get("/queue/stats", admin);
        assertEquals("stats: " + stats, 6, stats.json().path("by_status").size());
        assertProblem(rest.get("/queue/stats", client), 403, "forbidden");
    }

    /**
     * Every /api operation of the served OpenAPI document reaches its handler: none answers as an unknown
     * route (404 naming no entity) or with 405. Ids name nothing and POSTs carry no body, so nothing changes.
     */
    @Test
    public void everyDocumentedRouteAnswers() throws Exception {
        Answer document = rest.get("/openapi.json", client);
        assertEquals(200, document.status());
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.json().path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getValue().has("servers")) {
                continue; // not under /api (GET /metrics; MetricsTest calls it)
            }
            String concrete = path.getKey().replace("{id}", "no-such-id");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase();
                operations++;
                if (concrete.equals("/events")) {
                    try (EventStreamClient stream = EventStreamClient.open(rest.base(), concrete, admin, null)) {
                        assertEquals("GET /events", 200, stream.status());
                        assertTrue(stream.contentType(), stream.contentType().startsWith("text/event-stream"));
                    }
                    continue;
                }
                Answer answer = rest.method(method, concrete, admin);
                String where = method + " " + concrete + ": " + answer;
                assertTrue(where, answer.status() != 405);
                assertTrue(where, answer.status() != 404 || answer.json().path("detail").asText().contains("no-such-id"));
            }
        }
        assertEquals("operations in the document", 25, operations);
    }

    @Test
    public void badRequestsAreRefusedAndChangeNothing() throws Exception {
        long before = rest.get("/queue/stats", admin).json().path("total").asLong();

        assertProblem(rest.post("/queue/publish", client, "{\"payload\": "), 400, "bad-request");
        assertProblem(rest.post("/queue/publish", client, "{\"payload\": 1, \"priorty\": 3}"), 400, "bad-request");
        assertProblem(rest.post("/queue/publish", client, "{\"payload\": 1, \"priority\": \"high\"}"), 400, "bad-request");
        assertProblem(rest.post("/queue/publish", client, "{\"payload\": " + "[".repeat(100) + "]".repeat(100) + "}"),
                400, "bad-request");
        assertProblem(rest.post("/queue/publish", client, "text/plain", "payload"), 415, "unsupported-media-type");
        // 413 is RestContractTest's: the JDK's client breaks its pipe when the server refuses a body it is
        // still writing, so that test sends oversized requests over a socket of its own.
        Answer invalid = rest.post("/queue/publish", client, "{\"payload\": 1, \"priority\": 2000000000}");
        assertProblem(invalid, 422, "invalid-request");
        assertEquals("priority", invalid.json().path("errors").path(0).path("field").asText());
        Answer batch = rest.post("/queue/publish/batch", client,
                "{\"jobs\": [{\"payload\": 1}, {\"payload\": 1, \"max_attempts\": 0}]}");
        assertProblem(batch, 422, "invalid-request");
        assertEquals("jobs[1].max_attempts", batch.json().path("errors").path(0).path("field").asText());

        assertProblem(rest.get("/jobs/no-such-job", admin), 404, "not-found");
        assertProblem(rest.get("/no-such-route", admin), 404, "not-found");
        assertProblem(rest.method("DELETE", "/jobs", admin), 405, "method-not-allowed");
        assertProblem(rest.get("/jobs", null), 401, "unauthorized");
        assertProblem(rest.get("/jobs", "not-a-token"), 401, "unauthorized");
        assertProblem(rest.post("/queue/claim", client, "{\"worker_id\": \"w\"}"), 403, "forbidden");
        assertProblem(rest.get("/jobs", worker), 403, "forbidden");

        assertEquals("jobs in the queue after refused requests", before,
                rest.get("/queue/stats", admin).json().path("total").asLong());
    }

    @Test
    public void tokensAreManagedByAdminsAndRevokedEverywhere() throws Exception {
        Answer created = rest.post("/tokens", admin, "{\"role\": \"client\", \"tenant\": \"" + TENANT
                + "\", \"description\": \"short-lived\"}");
        assertEquals("create: " + created, 201, created.status());
        String id = created.json().path("id").asText();
        String secret = created.json().path("secret").asText();
        assertEquals("client", created.json().path("role").asText());
        assertEquals(200, rest.get("/jobs", secret).status());

        Answer listed = rest.get("/tokens", admin);
        assertEquals("list: " + listed, 200, listed.status());
        assertTrue("list: " + listed, listed.json().path("tokens").findValuesAsText("id").contains(id));
        assertFalse("a listing never shows a secret", listed.json().toString().contains(secret));
        assertProblem(rest.get("/tokens", client), 403, "forbidden");
        assertProblem(rest.post("/tokens", worker, "{\"role\": \"admin\"}"), 403, "forbidden");
        assertProblem(rest.post("/tokens", admin, "{\"role\": \"root\"}"), 422, "invalid-request");

        assertEquals(204, rest.method("DELETE", "/tokens/" + id, admin).status());
        Answer refused = Poll.until(SERVICE_TIMEOUT_MS, () -> call(() -> rest.get("/jobs", secret)),
                answer -> answer.status() == 401);
        assertProblem(refused, 401, "unauthorized");
        assertProblem(rest.method("DELETE", "/tokens/" + id, admin), 404, "not-found");
    }

    @Test
    public void theClusterIsShownToAdmins() throws Exception {
        Answer cluster = rest.get("/cluster", admin);
        assertEquals("cluster: " + cluster, 200, cluster.status());
        assertFalse(cluster.json().path("node_id").asText().isEmpty());
        assertEquals("a node alone leads its group: " + cluster, cluster.json().path("node_id").asText(),
                cluster.json().path("leader_id").asText());
        assertTrue("members: " + cluster, cluster.json().path("members").size() >= 1);
        assertTrue("term: " + cluster, cluster.json().path("term").asLong() >= 1);
        assertProblem(rest.get("/cluster", client), 403, "forbidden");
    }

    /**
     * A client follows its job live from SUBMITTED to COMPLETED; after hanging up it resumes with
     * {@code Last-Event-ID} and gets exactly the events of its tenant it missed, as the node's history has them.
     */
    @Test
    public void eventsStreamLiveAndResumeWithLastEventId() throws Exception {
        long lastSeen;
        try (EventStreamClient stream = EventStreamClient.open(rest.base(), "/events", client, null)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType(), stream.contentType().startsWith("text/event-stream"));
            String id = rest.post("/queue/publish", client, MOCK_JOB).json().path("job_id").asText();
            List<Sse> seen = eventsUntil(stream, id, "blixard/job/COMPLETED");
            List<String> topics = new ArrayList<>();
            long previous = 0;
            for (Sse event : seen) {
                assertTrue("ids increase: " + seen, event.id() > previous);
                previous = event.id();
                assertEquals("a client sees its tenant only: " + event, TENANT, event.data().path("tenant").asText());
                assertEquals(event.id(), event.data().path("sequence").asLong());
                if (id.equals(event.data().path("job_id").asText())) {
                    topics.add(event.event());
                }
            }
            assertEquals("first event of the job: " + topics, "blixard/job/SUBMITTED", topics.get(0));
            assertTrue("events of the job: " + topics, topics.contains("blixard/job/STARTED"));
            assertEquals("Completed", seen.get(seen.size() - 1).data().path("status").asText());
            lastSeen = previous;
        }

        String missed = rest.post("/queue/publish", client, MOCK_JOB).json().path("job_id").asText();
        awaitStatus(missed, client, "Completed");
        try (EventStreamClient resumed = EventStreamClient.open(rest.base(), "/events", client, Long.toString(lastSeen))) {
            List<Sse> replayed = eventsUntil(resumed, missed, "blixard/job/COMPLETED");
            long through = replayed.get(replayed.size() - 1).id();
            List<Long> expected = new ArrayList<>();
            for (RecordedEvent event : awaitService(EventHistory.class).after(lastSeen, 10_000)) {
                if (event.sequence() <= through && event.topic().startsWith("blixard/job/")
                        && TENANT.equals(event.properties().get(EventProperties.TENANT))) {
                    expected.add(event.sequence());
                }
            }
            List<Long> ids = new ArrayList<>();
            replayed.forEach(event -> ids.add(event.id()));
            assertEquals("exactly the missed events, in order", expected, ids);
        }

        try (EventStreamClient workers = EventStreamClient.open(rest.base(), "/events?topics=worker", client, null)) {
            assertEquals("a client may not follow worker events", 403, workers.status());
        }
    }

    /** @return the events up to and including the first {@code topic} event of {@code jobId} */
    private static List<Sse> eventsUntil(EventStreamClient stream, String jobId, String topic) throws InterruptedException {
        List<Sse> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVENT_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            Sse event = stream.next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (event == null) {
                break;
            }
            assertFalse("no gap expected: " + event, event.event().equals("blixard/stream/GAP"));
            seen.add(event);
            if (event.event().equals(topic) && jobId.equals(event.data().path("job_id").asText())) {
                return seen;
            }
        }
        throw new AssertionError("no " + topic + " for job " + jobId + " within " + EVENT_TIMEOUT_MS + " ms; saw " + seen);
    }

    private String createToken(String role, String tenant) throws IOException, InterruptedException {
        Answer created = rest.post("/tokens", admin, "{\"role\": \"" + role + "\""
                + (tenant == null ? "" : ", \"tenant\": \"" + tenant + "\"") + ", \"description\": \"RestApiTest\"}");
        assertEquals("POST /api/tokens: " + created, 201, created.status());
        return created.json().path("secret").asText();
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
