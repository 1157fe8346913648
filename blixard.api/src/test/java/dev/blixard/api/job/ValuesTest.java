package dev.blixard.api.job;

import static dev.blixard.api.job.JobSubmissionTest.assertInvalid;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.QueueStats.Throughput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Validation and arithmetic of the small job value types. */
public class ValuesTest {

    @Test
    public void resourcesRefuseNegativeAndNonFiniteAmounts() {
        assertInvalid(() -> new Resources(-1, 0, 0), "resources.cpu");
        assertInvalid(() -> new Resources(Double.NaN, 0, 0), "resources.cpu");
        assertInvalid(() -> new Resources(0, -1, 0), "resources.memory_mb");
        assertInvalid(() -> new Resources(0, 0, -5), "resources.disk_mb");
    }

    @Test
    public void resourcesFitWhenEverySpecifiedAmountIsCovered() {
        Resources offer = new Resources(4, 8192, 0);
        assertTrue(new Resources(2, 4096, 0).fitsIn(offer));
        assertTrue(Resources.NONE.fitsIn(offer));
        assertFalse(new Resources(8, 0, 0).fitsIn(offer));
        assertFalse(new Resources(0, 0, 1).fitsIn(offer));
        assertEquals(new Resources(2, 4096, 0), offer.minus(new Resources(2, 4096, 10)));
    }

    @Test
    public void backoffGrowsExponentiallyUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2, 0);
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(1, 0));
        assertEquals(Duration.ofSeconds(2), backoff.delayAfter(2, 0.5));
        assertEquals(Duration.ofSeconds(8), backoff.delayAfter(4, 0.99));
        assertEquals(Duration.ofSeconds(10), backoff.delayAfter(5, 0));
        assertEquals(Duration.ofSeconds(10), backoff.delayAfter(60, 0));
    }

    @Test
    public void jitterTakesOffAtMostItsFraction() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 0.5);
        assertEquals(Duration.ofSeconds(10), backoff.delayAfter(1, 0));
        assertEquals(Duration.ofMillis(7500), backoff.delayAfter(1, 0.5));
        assertTrue(backoff.delayAfter(1, 0.999999).compareTo(Duration.ofSeconds(5)) >= 0);
    }

    @Test
    public void backoffRefusesNonsense() {
        assertInvalid(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0), "backoff.max");
        assertInvalid(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1), 2, 0), "backoff.initial");
        assertInvalid(() -> new Backoff(Duration.ofSeconds(1), Duration.ofDays(8), 2, 0), "backoff.max");
        assertInvalid(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0), "backoff.multiplier");
        assertInvalid(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5), "backoff.jitter");
        assertInvalid(() -> new Backoff(null, Duration.ofSeconds(2), 2, 0), "backoff.initial");
    }

    @Test(expected = IllegalArgumentException.class)
    public void backoffNeedsAFailedAttempt() {
        Backoff.DEFAULT.delayAfter(0, 0);
    }

    @Test(expected = IllegalArgumentException.class)
    public void backoffNeedsAUnitRandom() {
        Backoff.DEFAULT.delayAfter(1, 1.0);
    }

    @Test
    public void queueStatsCountEveryStatus() {
        QueueStats stats = new QueueStats(Map.of(JobStatus.PENDING, 3L, JobStatus.COMPLETED, 4L), Map.of(), null,
                List.of(new Throughput(Duration.ofSeconds(60), 120, 1)), Instant.EPOCH);
        assertEquals(3, stats.count(JobStatus.PENDING));
        assertEquals(0, stats.count(JobStatus.FAILED));
        assertEquals(7, stats.total());
        assertEquals(2.0, stats.throughput().get(0).completedPerSecond(), 1e-9);
        assertFalse(stats.oldestPending().isPresent());
    }

    @Test(expected = IllegalArgumentException.class)
    public void throughputNeedsAWindow() {
        new Throughput(Duration.ZERO, 0, 0);
    }

    @Test
    public void jobQueryDefaultsAndLimits() {
        JobQuery query = JobQuery.builder().build();
        assertEquals(JobQuery.DEFAULT_LIMIT, query.limit());
        assertEquals(JobSort.CREATED_AT, query.sort());
        assertEquals(SortOrder.DESC, query.order());
        assertTrue(query.statuses().isEmpty());
        assertInvalid(() -> JobQuery.builder().limit(0).build(), "limit");
        assertInvalid(() -> JobQuery.builder().limit(JobQuery.MAX_LIMIT + 1).build(), "limit");
        assertInvalid(() -> JobQuery.builder().workerType("Bad").build(), "worker_type");
        assertInvalid(() -> JobQuery.builder().cursor(" ").build(), "cursor");
        assertInvalid(() -> JobQuery.builder().sort(null, SortOrder.ASC).build(), "sort");
    }
}
