package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A network partition (issue 12): three nodes, each in a network namespace of its own ({@link NetworkNamespaces});
 * the leader, or a follower, is cut off from the other two, while the test still reaches all three. The minority cannot commit
 * (a submit through it is refused within a bound and no replica has it while the partition lasts), the majority
 * elects a leader and runs jobs, no term has two leaders, and once healed the old leader follows the new one,
 * serves the jobs it missed from its own replica and takes writes again (the refused submit sent again with
 * its idempotency key: one job on every replica).
 *
 * <p>The store's write timeout is cut to {@value #WRITE_TIMEOUT_MS} ms, so that a write without a quorum is
 * refused within seconds and Ratis gives up on the isolated node's write client during the partition (which
 * used to leave that node unable to write after healing).
 */
public class PartitionIT {
    private static final long WRITE_TIMEOUT_MS = 3_000;
    /** A write through the minority must be refused (or time out) within this. */
    private static final Duration REFUSAL_BOUND = Duration.ofMillis(WRITE_TIMEOUT_MS + 10_000);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final List<String> IDS = List.of("n1", "n2", "n3");
    private static final String MINORITY_KEY = "written-through-the-minority";

    private NetworkNamespaces network;
    private TestCluster cluster;
    private final TermLeaders termLeaders = new TermLeaders();
    /** What the submit through the cut-off node answered (-1: no answer in time). */
    private int minorityStatus;
    /** The jobs submitted through the majority during the partition. */
    private final List<String> duringPartition = new ArrayList<>();

    @Before
    public void isolateEveryNode() throws Exception {
        NetworkNamespaces.assumeAvailable();
        network = NetworkNamespaces.create(IDS);
    }

    @After
    public void removeNodesAndNetwork() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    @Test
    public void aLeaderCutOffCannotCommitTheMajorityElectsAnotherAndTheHealedNodeConverges() throws Exception {
        String leader = startCluster();
        long term = view(leader).path("term").asLong();
        String majorityLeader = cutOff(leader);
        assertNotEquals("the majority's leader", leader, majorityLeader);
        assertTrue("the new leader's term follows " + term, view(majorityLeader).path("term").asLong() > term);
        heal(leader, majorityLeader);
    }

    @Test
    public void aFollowerCutOffCannotCommitTheMajorityKeepsItsLeaderAndTheHealedNodeConverges() throws Exception {
        String leader = startCluster();
        String follower = IDS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        String majorityLeader = cutOff(follower);
        assertEquals("the majority keeps its leader while a follower is cut off", leader, majorityLeader);
        heal(follower, majorityLeader);
    }

    /** Starts the three nodes, runs a job, and returns the leader they agree on. */
    private String startCluster() throws Exception {
        cluster = TestCluster.define("partition", 3,
                Map.of("blixard.store.cfg", "write.timeout.ms=" + WRITE_TIMEOUT_MS + "\n"),
                id -> new TestCluster.NodeHost(network.address(id), network.commandPrefix(id)));
        for (String id : IDS) {
            cluster.launch(id);
        }
        for (String id : IDS) {
            cluster.node(id).awaitReady();
        }
        String leader = cluster.awaitLeader(any -> true);
        awaitCompleted(cluster.node(leader), publish(cluster.node(leader), "before", "before-1"));
        return leader;
    }

    /**
     * Cuts {@code isolated} off; checks that a submit through it is refused within the bound and that nothing of
     * it is committed, while the other two agree on a leader and complete jobs.
     *
     * @return the leader of the majority
     */
    private String cutOff(String isolated) throws Exception {
        List<String> majority = IDS.stream().filter(id -> !id.equals(isolated)).toList();
        network.isolate(isolated);
        System.out.printf("partition: %s cut off from %s%n", isolated, majority);
        String majorityLeader = cluster.node(majority.get(0)).poll("a leader of the majority " + majority, DEADLINE,
                () -> agreedLeader(majority), leader -> leader.isPresent() && !leader.get().equals(isolated)).get();

        long started = System.nanoTime();
        minorityStatus = submitStatus(cluster.node(isolated), "minority", MINORITY_KEY);
        Duration refusedAfter = Duration.ofNanos(System.nanoTime() - started);
        assertTrue("a submit through the isolated " + isolated + " answered within " + REFUSAL_BOUND + ", not "
                + refusedAfter, refusedAfter.compareTo(REFUSAL_BOUND) <= 0);
        assertTrue("a submit through the isolated node is refused (503) or times out (-1), not " + minorityStatus,
                minorityStatus == 503 || minorityStatus == -1);
        System.out.printf("partition: a submit through %s answered %d after %d ms%n", isolated, minorityStatus,
                refusedAfter.toMillis());

        for (int i = 0; i < 6; i++) {
            duringPartition.add(publish(cluster.node(majority.get(i % 2)), "majority", "majority-" + i));
        }
        for (String jobId : duringPartition) {
            awaitCompleted(cluster.node(majorityLeader), jobId);
        }
        IDS.forEach(this::view);
        assertEquals("the isolated node applied nothing of the majority's: its replica lacks their jobs",
                0, localJobsMarked(cluster.node(isolated), "majority").size());
        for (String id : IDS) {
            assertEquals("the minority committed nothing while cut off: no job of its submit on " + id, 0,
                    localJobsMarked(cluster.node(id), "minority").size());
        }
        return majorityLeader;
    }

    /**
     * Heals the partition of {@code isolated}; checks that it follows a leader of the majority, applies its log,
     * serves the jobs it missed, and takes writes again; and that no term had two leaders.
     */
    private void heal(String isolated, String majorityLeader) throws Exception {
        network.heal(isolated);
        long leaderCommit = view(majorityLeader).path("commit_index").asLong();
        BlixardNode healed = cluster.node(isolated);
        healed.poll(isolated + " to follow the majority's leader and apply its log up to " + leaderCommit, DEADLINE,
                () -> view(isolated), view -> view.path("applied_index").asLong() >= leaderCommit
                        && followsAnother(view, isolated));
        assertEquals("the healed node's own replica has every job of the partition", duringPartition.size(),
                localJobsMarked(healed, "majority").size());
        long healedAt = System.nanoTime();
        for (String jobId : duringPartition) {
            // A linearizable read: the healed node asks the leader for its commit index first.
            healed.poll("job " + jobId + " read through the healed node", DEADLINE,
                    () -> statusReadThrough(healed, jobId), Optional.of("Completed")::equals);
        }
        long readsAfter = (System.nanoTime() - healedAt) / 1_000_000;

        // The client retries its submit through the healed node with the same idempotency key: accepted now,
        // and one job whatever became of the first attempt.
        String minorityJob = healed.poll("the minority's submit, sent again through the healed " + isolated
                + ", to be accepted", DEADLINE, () -> tryPublish(healed, "minority", MINORITY_KEY), Optional::isPresent).get();
        awaitCompleted(healed, minorityJob);
        assertOneMinorityJobEverywhere(minorityJob);
        IDS.forEach(this::view);
        termLeaders.assertOneLeaderPerTerm();
        System.out.printf("partition: %s healed, linearizable reads through it after %d ms; terms and leaders seen"
                + " %s; the minority's job after it was sent again: %s%n", isolated, readsAfter, termLeaders, minorityJob);
    }

    /**
     * Every replica, once it has applied the leader's log, holds exactly the one job of the minority's idempotency
     * key. (A submit refused with 503 may still apply once the partition heals, as the answer says: the node's
     * Raft client was still retrying it. The key makes the client's retry safe either way.)
     */
    private void assertOneMinorityJobEverywhere(String jobId) throws InterruptedException {
        long commit = view(cluster.awaitLeader(any -> true)).path("commit_index").asLong();
        for (String id : IDS) {
            BlixardNode node = cluster.node(id);
            node.poll(id + " to apply up to " + commit, DEADLINE, () -> view(id).path("applied_index").asLong(),
                    applied -> applied >= commit);
            assertEquals("the jobs of the minority's submit on " + id, List.of(jobId), localJobsMarked(node, "minority"));
        }
    }

    /** Whether {@code view} is a follower's of a leader other than {@code isolated}. */
    private static boolean followsAnother(JsonNode view, String isolated) {
        JsonNode leader = view.path("leader_id");
        return leader.isTextual() && !leader.asText().equals(isolated) && "FOLLOWER".equals(view.path("role").asText());
    }

    /** @return the leader both {@code ids} name now, if they agree on one */
    private Optional<String> agreedLeader(List<String> ids) {
        String agreed = null;
        for (String id : ids) {
            JsonNode leader = view(id).path("leader_id");
            if (!leader.isTextual() || agreed != null && !agreed.equals(leader.asText())) {
                return Optional.empty();
            }
            agreed = leader.asText();
        }
        return Optional.ofNullable(agreed);
    }

    /** @return {@code GET /api/cluster} of {@code id}, recorded for the split-brain check */
    private JsonNode view(String id) {
        JsonNode view = cluster.clusterView(id);
        termLeaders.record(id, view);
        return view;
    }

    /**
     * Publishes a mock job marked {@code marker} through {@code node}; fails unless accepted within the deadline.
     * A refusal is retried, as a client retries a 503: just after an election, the node's Raft client may still
     * be finding the new leader and answers 503 when its write timeout runs out. The idempotency key makes the
     * retry safe, and each job is asserted exactly once afterwards.
     */
    private static String publish(BlixardNode node, String marker, String key) throws InterruptedException {
        return node.poll("a submit through " + node.baseUrl() + " to be accepted", DEADLINE,
                () -> tryPublish(node, marker, key), Optional::isPresent).get();
    }

    /**
     * @return the job's status read through {@code node}, or empty while the node answers 503: just healed, its
     *         first request to the leader may still travel a connection the partition broke, and waits out its
     *         deadline (3 s) before the node reconnects; any other answer fails the test
     */
    private static Optional<String> statusReadThrough(BlixardNode node, String jobId) {
        HttpResponse<String> response = node.api().send("GET", "/api/jobs/" + jobId, null);
        if (response.statusCode() == 503) {
            return Optional.empty();
        }
        assertEquals("GET /api/jobs/" + jobId + " through " + node.baseUrl() + ": " + response.body(), 200,
                response.statusCode());
        return Optional.of(NodeApi.read(response.body()).path("status").asText());
    }

    /**
     * @return the job's id (201 for a new job, 200 for the job its idempotency key already has), or empty when
     *         {@code node} refused the submit or did not answer
     */
    private static Optional<String> tryPublish(BlixardNode node, String marker, String key) {
        try {
            HttpResponse<String> response = node.api().send("POST", "/api/queue/publish", job(marker, key));
            boolean accepted = response.statusCode() == 201 || response.statusCode() == 200;
            return accepted ? Optional.of(NodeApi.read(response.body()).path("job_id").asText()) : Optional.empty();
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    /** @return the status a submit through {@code node} answered, or -1 if it timed out */
    private static int submitStatus(BlixardNode node, String marker, String key) {
        try {
            return node.api().send("POST", "/api/queue/publish", job(marker, key)).statusCode();
        } catch (RuntimeException timedOut) {
            return -1;
        }
    }

    private static String job(String marker, String key) {
        return NodeApi.write(Map.of("payload", Map.of("outcome", "success", "marker", marker),
                "worker_types", List.of("mock"), "idempotency_key", key));
    }

    private static void awaitCompleted(BlixardNode node, String jobId) throws InterruptedException {
        node.poll("job " + jobId + " to complete", DEADLINE, () -> node.api().job(jobId).path("status").asText(),
                "Completed"::equals);
    }

    /** @return the ids of the jobs marked {@code marker} in {@code node}'s own replica ({@code GET /api/jobs} reads locally) */
    private static List<String> localJobsMarked(BlixardNode node, String marker) {
        List<String> ids = new ArrayList<>();
        JsonNode jobs = node.api().getJson("/api/jobs?limit=500").path("jobs");
        assertNotEquals("one page of 500 holds every job of this test", 500, jobs.size());
        for (JsonNode job : jobs) {
            if (marker.equals(job.path("payload").path("marker").asText())) {
                ids.add(job.path("id").asText());
            }
        }
        return ids;
    }
}
