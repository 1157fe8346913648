package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.blixard.api.event.EventHistory;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenService;
import dev.blixard.integration.osgi.RestClient.Answer;

/**
 * The REST API's contract for refusals, over real HTTP: every operation of the served OpenAPI document gets
 * the generated bad requests of {@link BadInputs} and the state-dependent ones of {@link StateCases}; each
 * must be answered with its 4xx as a problem document, none may change anything ({@link StateSnapshot} before
 * and after), and the node must stay healthy and keep running jobs. The rate limit (429) is checked with a low
 * limit set through Config Admin. A 503 for a store without a leader is not provoked: a single node always
 * leads its group, and nothing short of stopping the store's bundle takes the leader away.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestContractTest extends BlixardTestSupport {

    /** Well within the node's default worker timeout (30 s). */
    private static final long HEARTBEAT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long COMPLETION_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(20);
    private static final String MOCK_JOB = "{\"payload\": {\"duration_ms\": 5, \"outcome\": \"success\"}, "
            + "\"worker_types\": [\"mock\"]}";

    /** Made once per framework. */
    private static ContractFixtures fixtures;

    private RestClient rest;
    private ContractHttp http;

    @Before
    public void awaitApi() throws Exception {
        rest = awaitRestApi();
        http = new ContractHttp(rest.base());
        if (fixtures == null) {
            String admin = awaitService(TokenService.class).create(Role.ADMIN, null, "RestContractTest admin").secret();
            awaitHealthy(admin);
            fixtures = ContractFixtures.create(rest, admin);
        }
    }

    /**
     * The JDK's client sends a body after the request's head, so a request refused before its body is read
     * (here 415) may see its body arrive later; the connection must still answer the client's next request
     * (Jetty used to close it without saying so, and the next request read the end of the stream).
     */
    @Test
    public void aRequestRefusedBeforeItsBodyArrivedLeavesItsConnectionUsable() throws Exception {
        URI api = URI.create(rest.base());
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + api.getRawPath() + "/queue/publish HTTP/1.1\r\nHost: blixard\r\nAuthorization: Bearer "
                    + fixtures.client() + "\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Not a wait for anything: the body is meant to arrive after the server has refused the request.
            Thread.sleep(200);
            out.write("payload".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DeclaredLengthRequest.Answer refused = DeclaredLengthRequest.read(socket.getInputStream());
            assertEquals(415, refused.status());

            out.write(("GET " + api.getRawPath() + "/health HTTP/1.1\r\nHost: blixard\r\nAuthorization: Bearer "
                    + fixtures.admin() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, DeclaredLengthRequest.read(socket.getInputStream()).status());
        }
    }

    @Test
    public void everyBadRequestIsRefusedAsItsProblemAndChangesNothing() throws Exception {
        List<ApiOperation> operations = ApiOperation.all(rest.get("/openapi.json", fixtures.client()).json());
        assertTrue("operations without x-blixard-roles: " + operations,
                operations.stream().noneMatch(op -> op.roles().isEmpty()));
        List<ContractCase> cases = new ArrayList<>(new BadInputs(fixtures).all(operations));
        cases.addAll(StateCases.all(fixtures));
        heartbeat();
        EventHistory history = awaitService(EventHistory.class);
        StateSnapshot before = StateSnapshot.take(rest, fixtures.admin(), history);

        List<String> failures = new ArrayList<>();
        long lastBeat = System.nanoTime();
        for (ContractCase request : cases) {
            if (System.nanoTime() - lastBeat > HEARTBEAT_NS) {
                heartbeat();
                lastBeat = System.nanoTime();
            }
            ContractHttp.Response answer = http.send(request);
            List<String> wrong = ProblemCheck.violations(request, answer);
            if (!wrong.isEmpty()) {
                failures.add(request + ": " + wrong + " in " + answer);
            }
        }

        StateSnapshot after = StateSnapshot.take(rest, fixtures.admin(), history);
        System.out.println("RestContractTest: " + cases.size() + " refused requests over " + operations.size()
                + " operations, " + failures.size() + " broke the contract");
        failures.forEach(System.out::println);
        assertTrue(failures.size() + " of " + cases.size() + " cases broke the contract:\n" + String.join("\n", failures),
                failures.isEmpty());
        assertEquals("refused requests changed nothing", before, after);
        assertNodeStillWorks();
    }

    @Test
    public void aTokenOverItsRateIsRefusedWithRetryAfter() throws Exception {
        ContractCase limited = new ContractCase("over the rate limit", "GET", "/jobs?limit=1",
                ContractCase.bearer(fixtures.client()), null, Map.of(), null, 429, Map.of());
        ContractCase admin = ContractCase.json("an admin", "GET", "/jobs?limit=1", fixtures.admin(), null, 200);
        try (RestApiLimits limits = RestApiLimits.rateLimit(awaitService(ConfigurationAdmin.class), 0.2, 3)) {
            // The servlet is re-created with the new limit; until then requests pass (or meet no servlet).
            ContractHttp.Response refused = Poll.until(SERVICE_TIMEOUT_MS, () -> sendQuietly(limited),
                    answer -> answer.status() == 429);
            assertEquals("problems: " + refused, List.of(), ProblemCheck.violations(limited, refused));
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 10);
            assertEquals("admins are exempt", 200, http.send(admin).status());
        }
        ContractCase normal = new ContractCase("back to the default limit", "GET", "/jobs?limit=1",
                ContractCase.bearer(fixtures.client()), null, Map.of(), null, 200, Map.of());
        ContractHttp.Response restored = Poll.until(SERVICE_TIMEOUT_MS, () -> sendQuietly(normal),
                answer -> answer.status() == 200);
        assertEquals("after the limit is restored: " + restored, 200, restored.status());
    }

    /**
     * Heartbeats the fixture workers, as live workers do, so that a sweep slowed down by a busy machine does not
     * see them taken for lost; a heartbeat renews leases and changes nothing a {@link StateSnapshot} holds.
     */
    private void heartbeat() throws Exception {
        for (String worker : List.of(fixtures.holder(), fixtures.bystander())) {
            Answer beat = rest.post("/workers/" + worker + "/heartbeat", fixtures.worker(), null);
            assertEquals("heartbeat of " + worker + ": " + beat, 200, beat.status());
        }
    }

    private ContractHttp.Response sendQuietly(ContractCase request) {
        try {
            return http.send(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The node is ready, and a job submitted now still completes on the mock backend. */
    private void assertNodeStillWorks() throws Exception {
        Answer health = rest.get("/health", fixtures.client());
        assertEquals("health: " + health, 200, health.status());
        assertTrue("ready: " + health, health.json().path("ready").asBoolean());
        Answer published = rest.post("/queue/publish", fixtures.client(), MOCK_JOB);
        assertEquals("publish after the sweep: " + published, 201, published.status());
        String id = published.json().path("job_id").asText();
        Answer job = Poll.until(COMPLETION_TIMEOUT_MS, () -> Calls.quietly(() -> rest.get("/jobs/" + id, fixtures.client())),
                answer -> "Completed".equals(answer.json().path("status").asText()));
        assertEquals("job " + id + ": " + job, "Completed", job.json().path("status").asText());
    }

    private void awaitHealthy(String admin) {
        Answer health = Poll.until(SERVICE_TIMEOUT_MS, () -> Calls.quietly(() -> rest.get("/health", admin)),
                answer -> answer.status() == 200);
        assertEquals("GET /api/health: " + health, 200, health.status());
    }
}
