package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.testing.BlixardNode;
import java.time.Duration;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * The leader is killed with SIGKILL while a client submits jobs and every node runs them with the mock
 * backend (jobs of 1 s, so the leader dies with jobs running): a new leader is elected within 5 s, every
 * acknowledged job exists and ends Completed, the jobs stranded on the dead leader run again once their leases
 * lapse, and no job is completed twice. {@code -Dblixard.cluster.jobs=N} sets the run's size (default 2,000).
 */
public class LeaderFailoverIT {
    private static final int JOBS = Integer.getInteger("blixard.cluster.jobs", 2_000);
    private static final Duration FAILOVER_TARGET = Duration.ofSeconds(5);

    @Rule
    public final ClusterRule nodes = new ClusterRule();

    @Test
    public void aKilledLeaderIsReplacedWithin5sAndEveryAcknowledgedJobCompletesOnce() throws Exception {
        TestCluster cluster = nodes.start("leader-failover", 3);
        String leader = cluster.awaitLeader(any -> true);
        JobLoad load = new JobLoad(cluster, "failover", JOBS, 50, 1_000);
        Thread client = new Thread(load, "job-load");
        client.start();
        BlixardNode survivor = cluster.node(leader.equals("n1") ? "n2" : "n1");
        // Mid-run: a third submitted, and the leader's own agent running jobs that its death will strand.
        survivor.await("a third of the jobs acknowledged", Duration.ofSeconds(120),
                () -> load.acknowledgedCount() >= JOBS / 3);
        int stranded = survivor.poll("jobs running on the leader " + leader, Duration.ofSeconds(60),
                () -> survivor.api().getJson("/api/workers/" + leader + ":mock").path("running_jobs").size(),
                running -> running > 0);

        long killedAt = System.nanoTime();
        cluster.kill(leader);
        String next = cluster.awaitLeader(id -> !id.equals(leader));
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("failover: %s killed with about %d jobs running on it, %s leads after %d ms%n", leader,
                stranded, next, failover.toMillis());

        client.join(Duration.ofSeconds(180).toMillis());
        assertTrue("the client is still submitting", !client.isAlive());
        load.rethrow();
        Map<String, String> acknowledged = load.acknowledged();
        assertEquals(JOBS, acknowledged.size());
        JobChecks.awaitCompleted(survivor, JOBS, Duration.ofSeconds(180));
        assertEquals("no job beyond the acknowledged ones (idempotent resubmits)", JOBS,
                survivor.api().getJson("/api/queue/stats").path("total").asInt());
        int reruns = JobChecks.assertCompletedOnce(survivor, acknowledged.values());
        System.out.printf("failover: %d jobs completed once each; %d ran again after the leader's leases lapsed;"
                + " %d client calls retried%n", JOBS, reruns, load.failedCalls());
        assertTrue("jobs running on the killed leader (1 s each) ran again elsewhere", reruns > 0);
        assertNotEquals(leader, next);
        assertTrue("failover took " + failover.toMillis() + " ms", failover.compareTo(FAILOVER_TARGET) <= 0);
    }
}
