package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeProcess;
import dev.blixard.testing.WorkDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * Membership at runtime through the command line ({@code blixard cluster add|remove}): a fourth node joins,
 * catches up and serves reads and writes; a member removed leaves the group of three working.
 */
public class MembershipIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Rule
    public final ClusterRule nodes = new ClusterRule();

    @Test
    public void aFourthMemberJoinsAndCatchesUpAndARemovedOneLeavesCleanly() throws Exception {
        TestCluster cluster = nodes.start("membership", 3);
        String leaderId = cluster.awaitLeader(any -> true);
        BlixardNode leader = cluster.node(leaderId);
        JobLoad before = new JobLoad(cluster, "before", 200, 50, 0);
        before.run();
        JobChecks.awaitCompleted(leader, 200, DEADLINE);

        BlixardNode n4 = cluster.launchNew("n4");
        String address = "127.0.0.1:" + cluster.member("n4").raftPort();
        CliRun added = cli(cluster.node("n1"), "cluster", "add", "n4=" + address);
        assertEquals(added.output(), 0, added.status());
        assertTrue(added.output(), added.output().contains(address));
        n4.awaitReady();
        long leaderApplied = cluster.clusterView(leaderId).path("applied_index").asLong();
        n4.poll("n4's applied index to reach the leader's", DEADLINE,
                () -> cluster.clusterView("n4").path("applied_index").asLong(), applied -> applied >= leaderApplied);
        JobChecks.awaitCompleted(n4, 200, DEADLINE);
        assertEquals("Completed", n4.api().getJson("/api/jobs/" + before.acknowledged().values().iterator().next())
                .path("status").asText());
        for (String id : cluster.liveIds()) {
            assertEquals(id + " sees four members", 4, cluster.clusterView(id).path("members").size());
        }
        assertEquals("a second add is a conflict", 4, cli(n4, "cluster", "add", "n4=" + address).status());

        CliRun removed = cli(n4, "cluster", "remove", "n4");
        assertEquals(removed.output(), 0, removed.status());
        for (String id : List.of("n1", "n2", "n3")) {
            cluster.node(id).poll(id + " to see three members", DEADLINE,
                    () -> memberIds(cluster.clusterView(id)), ids -> ids.equals(List.of("n1", "n2", "n3")));
        }
        n4.close();
        assertEquals("an unknown member is not found", 3, cli(cluster.node("n2"), "cluster", "remove", "n4").status());
        JobLoad after = new JobLoad(cluster, "after", 100, 50, 0);
        after.run();
        after.rethrow();
        JobChecks.awaitCompleted(cluster.node("n1"), 300, DEADLINE);
    }

    private static List<String> memberIds(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.path("members").forEach(member -> ids.add(member.path("id").asText()));
        ids.sort(null);
        return ids;
    }

    /** The exit status and output of {@code blixard ARGS} run against {@code node} with its admin token. */
    private record CliRun(int status, String output) {
    }

    private static CliRun cli(BlixardNode node, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--url", node.baseUrl(), "--token", node.adminToken()));
        try (NodeProcess process = NodeProcess.start(WorkDirs.ROOT.resolve("membership").resolve("cli"),
                command.toArray(String[]::new))) {
            int status = process.awaitExit(Duration.ofSeconds(90));
            return new CliRun(status, process.stdout() + process.stderr());
        }
    }
}
