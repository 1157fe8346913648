package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.Map;

import dev.blixard.integration.osgi.RestClient.Answer;

/**
 * What the contract sweep refuses requests against, made by deliberate successful calls before the first
 * snapshot: tokens of each role (and a revoked one), an external worker holding a claimed job, a Pending
 * job, a Completed one. Every job names a worker type no agent of the node serves, so nothing moves on its own.
 *
 * @param admin an admin token
 * @param client a client token of {@link #TENANT}
 * @param otherClient a client token of another tenant
 * @param worker a worker token
 * @param revoked a revoked client token
 * @param holder the registered worker holding {@code claimedJob}
 * @param bystander another registered worker, holding nothing
 * @param pendingJob a Pending job of {@link #TENANT}
 * @param completedJob a Completed job of {@link #TENANT}
 * @param claimedJob a job {@code holder} claimed, with an hour's lease
 */
record ContractFixtures(String admin, String client, String otherClient, String worker, String revoked,
        String holder, String bystander, String pendingJob, String completedJob, String claimedJob) {

    static final String TENANT = "contract-it";
    private static final String EXTERNAL_TYPE = "contractext";

    /** Makes the fixtures through the API, failing on any unexpected answer. */
    static ContractFixtures create(RestClient rest, String admin) throws IOException, InterruptedException {
        String client = token(rest, admin, "client", TENANT);
        String otherClient = token(rest, admin, "client", "contract-other");
        String worker = token(rest, admin, "worker", null);
        String revoked = revokedToken(rest, admin);
        String holder = "contract-holder";
        String bystander = "contract-bystander";
        register(rest, worker, holder);
        register(rest, worker, bystander);
        String pending = publish(rest, client, "contractnobody");
        String completed = claim(rest, worker, holder, publish(rest, client, EXTERNAL_TYPE));
        expect(rest.post("/queue/status/" + completed, worker, report(holder, "InProgress")), 200, "start");
        expect(rest.post("/queue/status/" + completed, worker, report(holder, "Completed")), 200, "complete");
        String claimed = claim(rest, worker, holder, publish(rest, client, EXTERNAL_TYPE));
        return new ContractFixtures(admin, client, otherClient, worker, revoked, holder, bystander, pending, completed,
                claimed);
    }

    /**
     * @param label "METHOD /template" of an operation
     * @return a body the operation accepts up to the lookup of its id, or {@code null} when it needs none
     */
    String validBody(String label) {
        return Map.of("POST /queue/status/{id}", report(holder, "Completed")).get(label);
    }

    static String report(String workerId, String status) {
        return "{\"worker_id\": \"" + workerId + "\", \"status\": \"" + status + "\"}";
    }

    private static String publish(RestClient rest, String client, String workerType)
            throws IOException, InterruptedException {
        return expect(rest.post("/queue/publish", client, "{\"payload\": {\"contract\": true}, \"worker_types\": [\""
                + workerType + "\"]}"), 201, "publish").json().path("job_id").asText();
    }

    /** Claims exactly {@code jobId} (the only claimable job of its type) for {@code workerId}. */
    private static String claim(RestClient rest, String worker, String workerId, String jobId)
            throws IOException, InterruptedException {
        Answer claimed = expect(rest.post("/queue/claim", worker, "{\"worker_id\": \"" + workerId
                + "\", \"worker_type\": \"" + EXTERNAL_TYPE + "\", \"lease_ms\": 3600000, \"wait_ms\": 5000}"), 200, "claim");
        assertEquals("claimed: " + claimed, jobId, claimed.json().path("jobs").path(0).path("id").asText());
        return jobId;
    }

    private static void register(RestClient rest, String worker, String workerId) throws IOException, InterruptedException {
        expect(rest.post("/workers/register", worker, "{\"worker_id\": \"" + workerId + "\", \"worker_types\": [\""
                + EXTERNAL_TYPE + "\"], \"capacity\": 4}"), 200, "register " + workerId);
    }

    static String token(RestClient rest, String admin, String role, String tenant) throws IOException, InterruptedException {
        return expect(rest.post("/tokens", admin, "{\"role\": \"" + role + "\""
                + (tenant == null ? "" : ", \"tenant\": \"" + tenant + "\"") + ", \"description\": \"RestContractTest\"}"),
                201, "create a " + role + " token").json().path("secret").asText();
    }

    /** @return the secret of a token revoked everywhere (refused by this node) */
    private static String revokedToken(RestClient rest, String admin) throws IOException, InterruptedException {
        Answer created = expect(rest.post("/tokens", admin, "{\"role\": \"client\", \"description\": \"revoked\"}"),
                201, "create a token to revoke");
        expect(rest.method("DELETE", "/tokens/" + created.json().path("id").asText(), admin), 204, "revoke");
        String secret = created.json().path("secret").asText();
        Answer refused = Poll.until(BlixardTestSupport.SERVICE_TIMEOUT_MS, () -> Calls.quietly(() -> rest.get("/jobs", secret)),
                answer -> answer.status() == 401);
        expect(refused, 401, "a revoked token");
        return secret;
    }

    private static Answer expect(Answer answer, int status, String what) {
        assertEquals(what + ": " + answer, status, answer.status());
        return answer;
    }
}
