package dev.blixard.launcher.client;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The client commands against a stub node: requests sent, output printed, failures mapped to exit statuses. */
public class ClientMainTest {

    private static final String JOB = "{\"id\":\"j-1\",\"status\":\"Completed\",\"payload\":{\"n\":1},\"worker_types\":[\"mock\"],"
            + "\"priority\":0,\"max_attempts\":3,\"attempt\":1,\"tenant\":\"default\",\"result\":{\"ok\":true},"
            + "\"created_at\":\"2025-05-01T12:00:00Z\",\"updated_at\":\"2025-05-01T12:00:01Z\","
            + "\"attempts\":[{\"number\":1,\"worker_id\":\"w1\",\"claimed_at\":\"2025-05-01T12:00:00Z\","
            + "\"started_at\":null,\"finished_at\":null,\"outcome\":\"Completed\",\"error\":null}]}";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private StubNode node;
    private Path dataDir;

    @Before
    public void startStub() throws Exception {
        node = new StubNode();
        dataDir = temp.newFolder("data").toPath();
    }

    @After
    public void stopStub() {
        node.close();
    }

    private ClientRun run(String... args) {
        return runWithStdin("", args);
    }

    private ClientRun runWithStdin(String stdin, String... args) {
        return ClientRun.of(dataDir, Map.of("BLIXARD_URL", node.url(), "BLIXARD_TOKEN", "secret-1"), stdin, args);
    }

    @Test
    public void submitPostsTheSubmissionWithTheTokenAndPrintsTheId() {
        node.answer("POST /api/queue/publish", 201, "{\"job_id\":\"j-1\"}");
        ClientRun result = run("submit", "--type", "mock", "--priority", "5", "{\"n\":1}");
        assertEquals(result.err(), 0, result.status());
        assertEquals("j-1\n", result.out());
        StubNode.Request request = node.lastRequest();
        assertEquals("Bearer secret-1", request.authorization());
        assertEquals("application/json", request.contentType());
        assertEquals("{\"payload\":{\"n\":1},\"worker_types\":[\"mock\"],\"priority\":5}", request.body());
    }

    @Test
    public void submitReadsStdinAndBatchesGoToTheBatchRoute() {
        node.answer("POST /api/queue/publish", 201, "{\"job_id\":\"j-1\"}");
        node.answer("POST /api/queue/publish/batch", 201, "{\"job_ids\":[\"j-2\",\"j-3\"]}");
        assertEquals(0, runWithStdin("[1,2]", "submit", "-").status());
        assertEquals("{\"payload\":[1,2]}", node.lastRequest().body());

        ClientRun batch = runWithStdin("{\"payload\":1}\n{\"payload\":2}\n", "submit", "--batch", "--file", "-", "--tenant", "t");
        assertEquals(batch.err(), 0, batch.status());
        assertEquals("j-2\nj-3\n", batch.out());
        assertEquals("{\"jobs\":[{\"payload\":1,\"tenant\":\"t\"},{\"payload\":2,\"tenant\":\"t\"}]}", node.lastRequest().body());
    }

    @Test
    public void jsonPrintsTheServersDocumentUnchanged() {
        node.answer("GET /api/jobs/j-1", 200, JOB);
        ClientRun result = run("job", "j-1", "--json");
        assertEquals(0, result.status());
        assertEquals(JOB + "\n", result.out());
    }

    @Test
    public void jobShowsItsFieldsAndAttempts() {
        node.answer("GET /api/jobs/j-1", 200, JOB);
        ClientRun result = run("job", "j-1");
        assertEquals(result.err(), 0, result.status());
        assertThat(result.out(), containsString("status           Completed\n"));
        assertThat(result.out(), containsString("attempt          1/3\n"));
        assertThat(result.out(), containsString("result           {\"ok\":true}\n"));
        assertThat(result.out(), containsString("#  WORKER  OUTCOME    CLAIMED"));
    }

    @Test
    public void jobsSendsTheFiltersAndPrintsATableAndTheNextCursor() {
        node.answer("GET /api/jobs", 200, "{\"jobs\":[" + JOB + "],\"next_cursor\":\"c2\"}");
        ClientRun result = run("jobs", "--status", "Completed,Failed", "--type", "mock", "--sort", "priority",
                "--order", "asc", "--limit", "10", "--cursor", "c1");
        assertEquals(result.err(), 0, result.status());
        assertEquals("/api/jobs?status=Completed%2CFailed&worker_type=mock&sort=priority&order=asc&limit=10&cursor=c1",
                node.lastRequest().pathAndQuery());
        assertThat(result.out(), startsWith("ID   STATUS     TYPES  PRIORITY  ATTEMPT  TENANT   CREATED"));
        assertThat(result.out(), containsString("\nj-1  Completed  mock   0         1/3      default  "));
        assertThat(result.out(), containsString("next cursor: c2\n"));
    }

    @Test
    public void problemsBecomeOneLineAndTheirExitStatus() {
        node.answer("POST /api/jobs/j-1/cancel", 409, StubNode.problem(409, "Conflict", "job j-1 is already Completed"));
        node.answer("GET /api/workers", 401, StubNode.problem(401, "Unauthorized", "unknown token"));
        node.answer("GET /api/queue/stats", 403, StubNode.problem(403, "Forbidden", "needs role admin"));
        node.answer("GET /api/cluster", 503, StubNode.problem(503, "Service Unavailable", "no leader"));
        node.answer("POST /api/queue/publish", 422, StubNode.problem(422, "Invalid Request", "priority too high"));

        assertFailure(run("job", "nope"), ExitCode.NOT_FOUND, "blixard: 404 Not Found: no route /api/jobs/nope\n");
        assertFailure(run("cancel", "j-1"), ExitCode.CONFLICT, "blixard: 409 Conflict: job j-1 is already Completed\n");
        assertFailure(run("workers"), ExitCode.AUTH, "blixard: 401 Unauthorized: unknown token (token from $BLIXARD_TOKEN)\n");
        assertFailure(run("stats"), ExitCode.AUTH, "blixard: 403 Forbidden: needs role admin\n");
        assertFailure(run("cluster"), ExitCode.UNAVAILABLE, "blixard: 503 Service Unavailable: no leader\n");
        assertFailure(run("submit", "{}"), ExitCode.FAILURE, "blixard: 422 Invalid Request: priority too high\n");
    }

    @Test
    public void anAnswerThatIsNotAProblemStillGivesOneLine() {
        node.answer("GET /api/workers", 502, "<html>\n<body>Bad gateway</body>\n</html>");
        assertFailure(run("workers"), ExitCode.UNAVAILABLE, "blixard: 502 <html> <body>Bad gateway</body> </html>\n");
        node.answer("GET /api/cluster", 404, "{ \"message\":\"Not Found\", \"url\":\"http://x/api/cluster\", \"status\":\"404\" }");
        assertFailure(run("cluster"), ExitCode.NOT_FOUND, "blixard: 404 Not Found\n");
    }

    @Test
    public void anUnreachableNodeNamesTheUrlAndHowToStartOne() throws Exception {
        String url = node.url();
        node.close();
        ClientRun result = ClientRun.of(dataDir, Map.of(), "", "jobs", "--url", url, "--token", "t");
        assertFailure(result, ExitCode.UNAVAILABLE, "blixard: cannot reach the node at " + url
                + " (connection refused); start one with 'blixard run' or pass --url\n");
    }

    @Test
    public void usageErrorsExitTwoWithTheUsageOfTheCommand() {
        ClientRun result = run("job");
        assertEquals(ExitCode.USAGE, result.status());
        assertThat(result.err(), startsWith("blixard job: missing job ID\n\nUsage: blixard job ID [options]\n"));
        assertThat(result.err(), containsString("Exit status:"));
        assertEquals(0, node.requests().size());

        assertEquals(ExitCode.USAGE, run("submit", "not json").status());
        assertEquals(ExitCode.USAGE, run("jobs", "--limit", "0").status());
        assertEquals(ExitCode.USAGE, run("token", "create").status());
        assertEquals(ExitCode.USAGE, run("token", "list", "--role", "admin").status());
        assertEquals(ExitCode.USAGE, run("jobs", "--url", "ftp://x").status());
    }

    @Test
    public void helpGoesToStdout() {
        ClientRun result = run("submit", "--help");
        assertEquals(0, result.status());
        assertThat(result.out(), containsString("--idempotency-key KEY"));
        assertThat(result.out(), containsString("--label K=V"));
        assertEquals("", result.err());
    }

    @Test
    public void theLocalNodesDataDirGivesUrlAndToken() throws Exception {
        Files.writeString(dataDir.resolve("http.url"), node.url() + "\n");
        Files.writeString(dataDir.resolve("admin.token"), "admin-secret\n");
        node.answer("GET /api/workers", 200, "{\"workers\":[]}");
        ClientRun result = ClientRun.of(temp.getRoot().toPath().resolve("elsewhere"), Map.of(), "", "workers",
                "--data-dir", dataDir.toString());
        assertEquals(result.err(), 0, result.status());
        assertEquals("No workers.\n", result.out());
        assertEquals("Bearer admin-secret", node.lastRequest().authorization());

        // A named data dir beats the environment; without --data-dir the environment beats the default dir.
        ClientRun named = ClientRun.of(dataDir, Map.of("BLIXARD_URL", "http://127.0.0.1:1", "BLIXARD_TOKEN", "env"),
                "", "workers", "--data-dir", dataDir.toString());
        assertEquals(named.err(), 0, named.status());
        assertEquals("Bearer admin-secret", node.lastRequest().authorization());
        ClientRun defaults = ClientRun.of(dataDir, Map.of("BLIXARD_URL", node.url(), "BLIXARD_TOKEN", "env"), "", "workers");
        assertEquals(defaults.err(), 0, defaults.status());
        assertEquals("Bearer env", node.lastRequest().authorization());
    }

    @Test
    public void healthPrintsANotReadyNodeAndExitsSix() {
        node.answer("GET /api/health", 503, "{\"status\":\"Down\",\"message\":\"no store leader\",\"ready\":false,"
                + "\"components\":{\"store\":{\"status\":\"Down\",\"message\":\"no leader\"}}}");
        ClientRun result = run("health");
        assertEquals(ExitCode.UNAVAILABLE, result.status());
        assertThat(result.out(), startsWith("Down, not ready: no store leader\n"));
        assertThat(result.out(), containsString("store      Down    no leader\n"));
        assertEquals("blixard: the node is not ready: no store leader\n", result.err());
    }

    @Test
    public void tokenCommandsUseTheTokenRoutes() {
        node.answer("POST /api/tokens", 201, "{\"id\":\"t1\",\"role\":\"worker\",\"tenant\":null,\"description\":\"ci\","
                + "\"created_at\":\"2025-05-01T12:00:00Z\",\"secret\":\"s3cr3t\"}");
        node.answer("DELETE /api/tokens/t1", 204, "");
        ClientRun created = run("token", "create", "--role", "worker", "--description", "ci");
        assertEquals(created.err(), 0, created.status());
        assertEquals("{\"role\":\"worker\",\"description\":\"ci\"}", node.lastRequest().body());
        assertThat(created.out(), containsString("secret       s3cr3t\n"));
        ClientRun revoked = run("token", "revoke", "t1");
        assertEquals(revoked.err(), 0, revoked.status());
        assertEquals("DELETE", node.lastRequest().method());
    }

    @Test
    public void clusterAddAndRemoveChangeTheGroupAndShowIt() {
        String group = "{\"node_id\":\"n1\",\"role\":\"LEADER\",\"leader_id\":\"n1\",\"term\":2,\"commit_index\":9,"
                + "\"applied_index\":9,\"members\":[{\"id\":\"n1\",\"address\":\"127.0.0.1:9001\",\"leader\":true},"
                + "{\"id\":\"n4\",\"address\":\"127.0.0.1:9004\",\"leader\":false}]}";
        node.answer("POST /api/cluster/members", 200, group);
        ClientRun added = run("cluster", "add", "n4=127.0.0.1:9004");
        assertEquals(added.err(), 0, added.status());
        assertEquals("{\"id\":\"n4\",\"address\":\"127.0.0.1:9004\"}", node.lastRequest().body());
        assertThat(added.out(), containsString("n4      127.0.0.1:9004"));

        node.answer("DELETE /api/cluster/members/n4", 200, group);
        assertEquals(0, run("cluster", "remove", "n4").status());
        assertEquals("DELETE", node.lastRequest().method());

        node.answer("DELETE /api/cluster/members/n1", 409, StubNode.problem(409, "Conflict", "node 'n1' is the last member"));
        assertFailure(run("cluster", "remove", "n1"), ExitCode.CONFLICT, "blixard: 409 Conflict: node 'n1' is the last member\n");
        int sent = node.requests().size();
        assertEquals(ExitCode.USAGE, run("cluster", "add", "n5").status());
        assertEquals(ExitCode.USAGE, run("cluster", "remove").status());
        assertEquals(ExitCode.USAGE, run("cluster", "join", "x").status());
        assertEquals(sent, node.requests().size());
    }

    private static void assertFailure(ClientRun result, int status, String err) {
        assertEquals(result.err(), status, result.status());
        assertEquals(err, result.err());
        assertEquals(1, result.errLines());
    }
}
