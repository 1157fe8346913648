package dev.blixard.store.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SnapshotPacingTest {
    private static final long LARGE = 4 * SnapshotPacing.SCALED_ABOVE_BYTES;

    @Test
    public void aSmallOrMissingSnapshotLeavesTheDecisionToTheCountOfEntries() {
        assertTrue(new SnapshotPacing(0.5, 0).due());
        assertTrue(new SnapshotPacing(0.5, SnapshotPacing.SCALED_ABOVE_BYTES - 1).due());
    }

    @Test
    public void aLargeSnapshotWaitsForLogOfTheRatioTimesItsSize() {
        SnapshotPacing pacing = new SnapshotPacing(0.5, LARGE);
        assertFalse(pacing.due());
        pacing.applied(LARGE / 2 - 1);
        assertFalse(pacing.due());
        pacing.applied(1);
        assertTrue(pacing.due());
    }

    @Test
    public void aStartedCopyCountsTheLogAfresh() {
        SnapshotPacing pacing = new SnapshotPacing(0.5, LARGE);
        pacing.applied(LARGE);
        assertTrue(pacing.due());
        pacing.started();
        assertFalse(pacing.due());
        pacing.applied(LARGE / 2);
        assertTrue(pacing.due());
    }

    @Test
    public void theNextSnapshotIsPacedByTheSizeOfTheLatest() {
        SnapshotPacing pacing = new SnapshotPacing(0.5, 0);
        assertTrue(pacing.due());
        pacing.started();
        pacing.taken(2 * LARGE);
        pacing.applied(LARGE / 2);
        assertFalse("half of the old size is a quarter of the new one", pacing.due());
        pacing.applied(LARGE / 2);
        assertTrue(pacing.due());
    }

    @Test
    public void ratioZeroTurnsTheScalingOff() {
        assertTrue(new SnapshotPacing(0, LARGE).due());
    }

    @Test
    public void negativeOrUndefinedRatiosAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SnapshotPacing(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotPacing(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotPacing(Double.POSITIVE_INFINITY, 0));
    }
}
