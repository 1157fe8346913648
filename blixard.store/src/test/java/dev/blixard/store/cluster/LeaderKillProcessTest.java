package dev.blixard.store.cluster;

import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Three members, each in a JVM of its own: the leader is killed with SIGKILL while writers write through
 * every member. A new leader must take over, writes must go on, and after the dust settles every member
 * holds every acknowledged write exactly once, in the same order.
 */
public class LeaderKillProcessTest extends ProcessClusterTest {
    /** Generous for an election timeout of 1–2 s on a busy two-core machine; the measured time is printed. */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(20);

    @Test
    public void aNewLeaderTakesOverAndNoAcknowledgedWriteIsLostOrAppliedTwice() throws Exception {
        int oldLeader = startWithTable(3, List.of());
        KeyWriters writers = new KeyWriters(cluster, 9).start();
        writers.awaitAcknowledged(1_000, DEADLINE);

        long killedAt = System.nanoTime();
        cluster.kill(oldLeader);
        int newLeader = cluster.awaitLeader(FAILOVER_LIMIT);
        long electedAt = System.nanoTime();
        int before = writers.acknowledged().size();
        writers.awaitAcknowledged(before + 1_000, DEADLINE);
        writers.stop(DEADLINE);

        assertNotEquals("the dead leader cannot lead", oldLeader, newLeader);
        long firstWriteAfterKill = firstAckOfAWriteSentAfter(writers, killedAt);
        System.out.printf("store failover: kill -9 of leader n%d; n%d leads after %d ms; the first write sent after the "
                + "kill was acknowledged after %d ms; %d writes acknowledged, %d uncertain%n", oldLeader + 1, newLeader + 1,
                TimeUnit.NANOSECONDS.toMillis(electedAt - killedAt), TimeUnit.NANOSECONDS.toMillis(firstWriteAfterKill - killedAt),
                writers.acknowledged().size(), writers.uncertain().size());
        assertTrue("writes were acknowledged " + TimeUnit.NANOSECONDS.toMillis(firstWriteAfterKill - killedAt)
                + " ms after the kill", firstWriteAfterKill - killedAt < FAILOVER_LIMIT.toNanos());

        // The old leader comes back, catches up and must agree too.
        cluster.restart(oldLeader);
        long highestAcknowledged = Collections.max(writers.acknowledged().values());
        cluster.awaitConverged(highestAcknowledged, DEADLINE);
        List<String> leaderKeys = ClusterAssertions.keysOf(cluster.node(newLeader));
        for (int i = 0; i < cluster.size(); i++) {
            List<String> keys = ClusterAssertions.keysOf(cluster.node(i));
            ClusterAssertions.assertExactlyOnce("n" + (i + 1), keys, writers);
            ClusterAssertions.assertSameRows("n" + (i + 1), leaderKeys, keys);
        }
    }

    private static long firstAckOfAWriteSentAfter(KeyWriters writers, long nanos) {
        return writers.acks().stream().filter(ack -> ack.sentNanos() > nanos).mapToLong(KeyWriters.Ack::ackedNanos).min()
                .orElseThrow(() -> new AssertionError("no write sent after the kill was acknowledged"));
    }
}
