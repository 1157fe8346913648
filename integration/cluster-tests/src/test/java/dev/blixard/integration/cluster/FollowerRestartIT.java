package dev.blixard.integration.cluster;

import static org.junit.Assert.assertEquals;

import dev.blixard.testing.BlixardNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * A follower killed with SIGKILL misses writes, is restarted on its data directory, and catches up. Snapshots
 * every 100 entries and 64 KiB log segments (only whole segments are deleted) make the leader purge the log
 * the follower missed, so it can only catch up by a snapshot.
 */
public class FollowerRestartIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Rule
    public final ClusterRule nodes = new ClusterRule();

    @Test
    public void aRestartedFollowerCatchesUpAndServesWhatItMissed() throws Exception {
        TestCluster cluster = nodes.start("follower-restart", 3,
                Map.of("blixard.store.cfg", "snapshot.threshold=100\nlog.segment.bytes=65536\n"));
        String leaderId = cluster.awaitLeader(any -> true);
        String followerId = List.of("n1", "n2", "n3").stream().filter(id -> !id.equals(leaderId)).findFirst().orElseThrow();
        BlixardNode leader = cluster.node(leaderId);
        JobLoad before = new JobLoad(cluster, "before", 300, 50, 0);
        before.run();
        JobChecks.awaitCompleted(leader, 300, DEADLINE);

        long followerApplied = cluster.clusterView(followerId).path("applied_index").asLong();
        cluster.kill(followerId);
        // Small batches: many log entries, well past the snapshot threshold.
        JobLoad missed = new JobLoad(cluster, "missed", 300, 5, 0);
        missed.run();
        missed.rethrow();
        JobChecks.awaitCompleted(leader, 600, DEADLINE);
        long leaderApplied = cluster.clusterView(leaderId).path("applied_index").asLong();

        leader.poll("the leader's log purged past what the follower has (" + followerApplied + ")", DEADLINE,
                () -> RaftFiles.firstLogIndex(leader.dataDir()), first -> first > followerApplied + 1);

        BlixardNode follower = cluster.restart(followerId);
        follower.poll("the follower's applied index to reach the leader's (" + leaderApplied + ")", DEADLINE,
                () -> cluster.clusterView(followerId).path("applied_index").asLong(), applied -> applied >= leaderApplied);
        JobChecks.awaitCompleted(follower, 600, DEADLINE);
        for (String id : missed.acknowledged().values()) {
            assertEquals("Completed", follower.api().getJson("/api/jobs/" + id).path("status").asText());
        }
        assertEquals(3, cluster.clusterView(followerId).path("members").size());
    }
}
