package dev.blixard.integration.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The refusals that depend on what exists, against the {@link ContractFixtures}: illegal transitions and
 * reports from a worker without the lease (409), values out of range or of the wrong form (422), query
 * parameters the listing and the event stream do not take (400, 422), another tenant's jobs (403).
 */
final class StateCases {
    private final ContractFixtures f;
    private final List<ContractCase> cases = new ArrayList<>();

    private StateCases(ContractFixtures fixtures) {
        this.f = fixtures;
    }

    /** @return every case */
    static List<ContractCase> all(ContractFixtures fixtures) {
        StateCases state = new StateCases(fixtures);
        state.conflicts();
        state.invalidSubmissions();
        state.invalidWorkerCalls();
        state.queries();
        state.otherTenants();
        return state.cases;
    }

    private void conflicts() {
        String status = "/queue/status/";
        post("complete a Pending job", status + f.pendingJob(), f.worker(), ContractFixtures.report(f.holder(), "Completed"), 409);
        post("start a Pending job", status + f.pendingJob(), f.worker(), ContractFixtures.report(f.holder(), "InProgress"), 409);
        post("start a Completed job", status + f.completedJob(), f.worker(), ContractFixtures.report(f.holder(), "InProgress"), 409);
        post("fail a Completed job", status + f.completedJob(), f.worker(),
                "{\"worker_id\": \"" + f.holder() + "\", \"status\": \"Failed\", \"error\": \"late\"}", 409);
        post("report without the lease", status + f.claimedJob(), f.worker(), ContractFixtures.report(f.bystander(), "Completed"), 409);
        post("start without the lease", status + f.claimedJob(), f.worker(), ContractFixtures.report(f.bystander(), "InProgress"), 409);
        post("report by an unknown worker", status + f.claimedJob(), f.worker(),
                ContractFixtures.report("contract-stranger", "Completed"), 409);
        post("cancel a Completed job", "/jobs/" + f.completedJob() + "/cancel", f.client(), null, 409);
        post("cancel a Completed job with a reason", "/jobs/" + f.completedJob() + "/cancel", f.admin(), "{\"reason\": \"x\"}", 409);
        post("retry a Pending job", "/jobs/" + f.pendingJob() + "/retry", f.client(), null, 409);
        post("retry a Completed job", "/jobs/" + f.completedJob() + "/retry", f.admin(), null, 409);
        post("retry a Claimed job", "/jobs/" + f.claimedJob() + "/retry", f.admin(), null, 409);
    }

    private void invalidSubmissions() {
        for (String field : List.of("\"priority\": -1000001", "\"priority\": 1000001", "\"max_attempts\": 0",
                "\"max_attempts\": 101", "\"timeout_ms\": 0", "\"timeout_ms\": -5", "\"tenant\": \"Bad Tenant!\"",
                "\"tenant\": \"\"", "\"worker_types\": [\"Mock\"]", "\"worker_types\": [\"mock\", \"mock\"]",
                "\"labels\": {\"bad key!\": \"v\"}", "\"labels\": {\"k\": \"" + "v".repeat(257) + "\"}",
                "\"depends_on\": [\"bad id!\"]", "\"depends_on\": [\"a\", \"a\"]", "\"depends_on\": [\"contract-no-such-job\"]",
                "\"idempotency_key\": \"\"", "\"idempotency_key\": \"" + "k".repeat(256) + "\"",
                "\"resources\": {\"cpu\": -1}", "\"resources\": {\"cpu\": 5000}", "\"resources\": {\"memory_mb\": -1}",
                "\"backoff\": {\"multiplier\": 0.5}", "\"backoff\": {\"jitter\": 2}",
                "\"backoff\": {\"initial_ms\": 10, \"max_ms\": 5}")) {
            post("publish with " + field, "/queue/publish", f.admin(), "{\"payload\": 1, " + field + "}", 422);
            post("batch with " + field, "/queue/publish/batch", f.admin(),
                    "{\"jobs\": [{\"payload\": 1, \"worker_types\": [\"contractnobody\"]}, {\"payload\": 1, " + field + "}]}", 422);
        }
        post("publish without payload", "/queue/publish", f.admin(), "{\"priority\": 1}", 422);
        post("empty batch", "/queue/publish/batch", f.admin(), "{\"jobs\": []}", 422);
        post("batch without jobs", "/queue/publish/batch", f.admin(), "{}", 422);
        post("batch depending on a later job", "/queue/publish/batch", f.admin(),
                "{\"jobs\": [{\"payload\": 1, \"depends_on\": [\"batch:1\"]}, {\"payload\": 2}]}", 422);
        post("batch depending on a job it lacks", "/queue/publish/batch", f.admin(),
                "{\"jobs\": [{\"payload\": 1, \"depends_on\": [\"batch:7\"]}]}", 422);
    }

    private void invalidWorkerCalls() {
        for (String field : List.of("\"max_jobs\": 0", "\"max_jobs\": 1001", "\"lease_ms\": 999", "\"lease_ms\": 3600001",
                "\"wait_ms\": -1", "\"wait_ms\": 60001", "\"worker_types\": [\"Bad\"]",
                "\"worker_type\": \"a\", \"worker_types\": [\"b\"]")) {
            post("claim with " + field, "/queue/claim", f.worker(), "{\"worker_id\": \"" + f.bystander() + "\", " + field + "}", 422);
        }
        post("claim without worker_id", "/queue/claim", f.worker(), "{\"max_jobs\": 1}", 422);
        post("claim by a bad worker id", "/queue/claim", f.worker(), "{\"worker_id\": \"bad id!\"}", 422);
        String status = "/queue/status/" + f.claimedJob();
        for (String value : List.of("Done", "Pending", "Claimed", "Cancelled", "completed", "")) {
            post("report status '" + value + "'", status, f.worker(), ContractFixtures.report(f.holder(), value), 422);
        }
        post("report without status", status, f.worker(), "{\"worker_id\": \"" + f.holder() + "\"}", 422);
        post("report without worker_id", status, f.worker(), "{\"status\": \"Completed\"}", 422);
        post("report Failed without error", status, f.worker(), ContractFixtures.report(f.holder(), "Failed"), 422);
        post("report Failed with a blank error", status, f.worker(),
                "{\"worker_id\": \"" + f.holder() + "\", \"status\": \"Failed\", \"error\": \"  \"}", 422);
        for (String field : List.of("\"capacity\": 0", "\"worker_types\": [\"Bad\"]", "\"labels\": {\"bad key!\": \"v\"}",
                "\"resources\": {\"cpu\": -1}")) {
            post("register with " + field, "/workers/register", f.worker(), "{\"worker_id\": \"contract-new\", " + field + "}", 422);
        }
        post("register without worker_id", "/workers/register", f.worker(), "{\"capacity\": 1}", 422);
        post("register a bad worker id", "/workers/register", f.worker(), "{\"worker_id\": \"bad id!\"}", 422);
        post("token without role", "/tokens", f.admin(), "{\"tenant\": \"x\"}", 422);
        post("token of role 'superuser'", "/tokens", f.admin(), "{\"role\": \"superuser\"}", 422);
        post("token of a bad tenant", "/tokens", f.admin(), "{\"role\": \"client\", \"tenant\": \"Bad Tenant!\"}", 422);
    }

    private void queries() {
        for (String query : List.of("status=Bogus", "limit=abc", "limit=1.5", "sort=bogus", "order=up", "bogus=1",
                "limit=1&limit=2", "sort=priority&sort=created_at")) {
            get("list ?" + query, "/jobs?" + query, f.admin(), Map.of(), 400);
        }
        for (String query : List.of("limit=0", "limit=-1", "limit=1001", "cursor=garbage", "cursor=" + "A".repeat(40))) {
            get("list ?" + query, "/jobs?" + query, f.admin(), Map.of(), 422);
        }
        for (String query : List.of("topics=bogus", "after=abc", "bogus=1")) {
            get("events ?" + query, "/events?" + query, f.admin(), Map.of(), 400);
        }
        get("events after Last-Event-ID abc", "/events", f.admin(), Map.of("Last-Event-ID", "abc"), 400);
        get("a client's worker events", "/events?topics=job,worker", f.client(), Map.of(), 403);
    }

    private void otherTenants() {
        get("another tenant's job", "/jobs/" + f.pendingJob(), f.otherClient(), Map.of(), 403);
        post("cancel another tenant's job", "/jobs/" + f.pendingJob() + "/cancel", f.otherClient(), null, 403);
        post("publish in another tenant", "/queue/publish", f.otherClient(),
                "{\"payload\": 1, \"tenant\": \"" + ContractFixtures.TENANT + "\"}", 403);
        post("batch in another tenant", "/queue/publish/batch", f.otherClient(),
                "{\"jobs\": [{\"payload\": 1}, {\"payload\": 1, \"tenant\": \"" + ContractFixtures.TENANT + "\"}]}", 403);
        get("list another tenant", "/jobs?tenant=" + ContractFixtures.TENANT, f.otherClient(), Map.of(), 403);
    }

    private void post(String name, String path, String token, String body, int status) {
        cases.add(ContractCase.json(name, "POST", path, token, body, status));
    }

    private void get(String name, String path, String token, Map<String, String> headers, int status) {
        cases.add(new ContractCase(name, "GET", path, ContractCase.bearer(token), null, headers, null, status, Map.of()));
    }
}
