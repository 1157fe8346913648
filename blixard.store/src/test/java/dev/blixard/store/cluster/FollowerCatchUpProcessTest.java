package dev.blixard.store.cluster;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * A follower is killed with SIGKILL, the others write on, and the follower is restarted: it catches up
 * through the log while the leader still has it, and through a snapshot once the leader has purged it.
 */
public class FollowerCatchUpProcessTest extends ProcessClusterTest {
    /** What the replica logs when a snapshot replaces it (SqliteReplica.replaceWith). */
    private static final String RESTORED_FROM_SNAPSHOT = "restored from";
    private static final Pattern LOG_SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    @Test
    public void aRestartedFollowerCatchesUpThroughTheLog() throws Exception {
        // The default snapshot threshold (100,000 entries): nothing is purged, the log has all the follower lacks.
        int leader = startWithTable(3, List.of());
        int follower = (leader + 1) % 3;
        cluster.kill(follower);

        KeyWriters writers = new KeyWriters(cluster, 4).start();
        writers.awaitAcknowledged(500, DEADLINE);
        writers.stop(DEADLINE);
        long logBeforeRestart = Files.size(cluster.log(follower));
        cluster.restart(follower);

        awaitEveryAcknowledgedWriteEverywhere(writers, leader);
        assertFalse("n" + (follower + 1) + " caught up through a snapshot although the log was there",
                logSince(cluster.log(follower), logBeforeRestart).contains(RESTORED_FROM_SNAPSHOT));
    }

    @Test
    public void aRestartedFollowerCatchesUpThroughASnapshotOnceTheLogIsPurged() throws Exception {
        // Snapshots every 50 entries and log segments of 32 KiB, so the leader soon deletes what the follower lacks.
        int leader = startWithTable(3, List.of("snapshot-threshold=50", "log-segment-bytes=32768"));
        int follower = (leader + 1) % 3;
        cluster.awaitConverged(0, DEADLINE);
        long followerIndex = cluster.node(follower).status().appliedIndex();
        cluster.kill(follower);

        KeyWriters writers = new KeyWriters(cluster, 4).start();
        Path leaderDirectory = cluster.directory(leader);
        cluster.await("n" + (leader + 1) + " to purge the log entries after index " + followerIndex, DEADLINE,
                () -> firstLogIndex(leaderDirectory) > followerIndex + 1);
        writers.stop(DEADLINE);
        long logBeforeRestart = Files.size(cluster.log(follower));
        cluster.restart(follower);

        awaitEveryAcknowledgedWriteEverywhere(writers, leader);
        assertTrue("n" + (follower + 1) + " caught up without installing a snapshot" + cluster.node(follower).logTail(),
                logSince(cluster.log(follower), logBeforeRestart).contains(RESTORED_FROM_SNAPSHOT));
    }

    private void awaitEveryAcknowledgedWriteEverywhere(KeyWriters writers, int leader) {
        cluster.awaitConverged(Collections.max(writers.acknowledged().values()), DEADLINE);
        List<String> leaderKeys = ClusterAssertions.keysOf(cluster.node(leader));
        for (int i = 0; i < cluster.size(); i++) {
            List<String> keys = ClusterAssertions.keysOf(cluster.node(i));
            ClusterAssertions.assertExactlyOnce("n" + (i + 1), keys, writers);
            ClusterAssertions.assertSameRows("n" + (i + 1), leaderKeys, keys);
        }
    }

    /**
     * The first index still in a member's Raft log, read from its segment files ({@code log_<first>-<last>}),
     * or 0 when the files changed under the walk (the member is purging: ask again).
     */
    private static long firstLogIndex(Path memberDirectory) {
        try (Stream<Path> files = Files.walk(memberDirectory.resolve("raft"))) {
            return files.map(file -> LOG_SEGMENT.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(match -> Long.parseLong(match.group(1)))
                    .min().orElse(0);
        } catch (IOException | UncheckedIOException purgedMeanwhile) {
            return 0;
        }
    }

    private static String logSince(Path log, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(Arrays.copyOfRange(bytes, (int) Math.min(offset, bytes.length), bytes.length),
                StandardCharsets.UTF_8);
    }
}
