package dev.blixard.api.job;

import static dev.blixard.api.job.JobStatus.CANCELLED;
import static dev.blixard.api.job.JobStatus.CLAIMED;
import static dev.blixard.api.job.JobStatus.COMPLETED;
import static dev.blixard.api.job.JobStatus.FAILED;
import static dev.blixard.api.job.JobStatus.IN_PROGRESS;
import static dev.blixard.api.job.JobStatus.PENDING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.ConflictException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * The transition table against the life-cycle of DESIGN.md §2, written out independently here: every
 * legal (status, transition) pair leads to the documented status, and every other pair is refused.
 */
public class JobTransitionTest {

    /** The expected table, written by hand from the design's diagram. */
    private static final Map<JobTransition, Set<JobStatus>> LEGAL = new EnumMap<>(JobTransition.class);

    static {
        LEGAL.put(JobTransition.CLAIM, EnumSet.of(PENDING));
        LEGAL.put(JobTransition.START, EnumSet.of(CLAIMED));
        LEGAL.put(JobTransition.COMPLETE, EnumSet.of(CLAIMED, IN_PROGRESS));
        LEGAL.put(JobTransition.REQUEUE, EnumSet.of(CLAIMED, IN_PROGRESS));
        LEGAL.put(JobTransition.FAIL, EnumSet.of(PENDING, CLAIMED, IN_PROGRESS));
        LEGAL.put(JobTransition.CANCEL, EnumSet.of(PENDING, CLAIMED, IN_PROGRESS));
        LEGAL.put(JobTransition.RETRY, EnumSet.of(FAILED, CANCELLED));
    }

    @Test
    public void everyTransitionIsInTheExpectedTable() {
        assertEquals(EnumSet.allOf(JobTransition.class), LEGAL.keySet());
        for (JobTransition transition : JobTransition.values()) {
            assertEquals(transition.name(), LEGAL.get(transition), transition.sources());
        }
    }

    @Test
    public void legalTransitionsLeadToTheirTarget() {
        assertSame(CLAIMED, JobTransition.CLAIM.apply(PENDING));
        assertSame(IN_PROGRESS, JobTransition.START.apply(CLAIMED));
        assertSame(COMPLETED, JobTransition.COMPLETE.apply(IN_PROGRESS));
        assertSame(COMPLETED, JobTransition.COMPLETE.apply(CLAIMED));
        assertSame(PENDING, JobTransition.REQUEUE.apply(IN_PROGRESS));
        assertSame(FAILED, JobTransition.FAIL.apply(IN_PROGRESS));
        assertSame(FAILED, JobTransition.FAIL.apply(PENDING));
        assertSame(CANCELLED, JobTransition.CANCEL.apply(PENDING));
        assertSame(PENDING, JobTransition.RETRY.apply(FAILED));
        assertSame(PENDING, JobTransition.RETRY.apply(CANCELLED));
    }

    @Test
    public void everyIllegalTransitionIsRefused() {
        int refused = 0;
        for (JobTransition transition : JobTransition.values()) {
            for (JobStatus from : JobStatus.values()) {
                if (LEGAL.get(transition).contains(from)) {
                    continue;
                }
                assertFalse(transition + " from " + from, transition.isAllowedFrom(from));
                try {
                    transition.apply(from);
                    fail(transition + " from " + from + " must be refused");
                } catch (IllegalTransitionException e) {
                    assertSame(from, e.from());
                    assertSame(transition, e.transition());
                    assertTrue(e.getMessage(), e.getMessage().contains(from.displayName()));
                    refused++;
                }
            }
        }
        assertEquals("7 transitions x 6 statuses minus the 14 legal pairs", 7 * 6 - 14, refused);
    }

    @Test
    public void anIllegalTransitionIsAConflict() {
        try {
            JobTransition.START.apply(COMPLETED);
            fail();
        } catch (ConflictException e) {
            assertTrue(e instanceof IllegalTransitionException);
        }
    }

    @Test
    public void completedJobsTakeNoTransitionAtAll() {
        assertTrue(JobTransition.allowedFrom(COMPLETED).isEmpty());
    }

    @Test
    public void allowedFromListsExactlyTheLegalTransitions() {
        for (JobStatus from : JobStatus.values()) {
            Set<JobTransition> expected = EnumSet.noneOf(JobTransition.class);
            LEGAL.forEach((transition, sources) -> {
                if (sources.contains(from)) {
                    expected.add(transition);
                }
            });
            assertEquals(from.name(), expected, JobTransition.allowedFrom(from));
        }
    }

    @Test
    public void everyNonTerminalStatusCanBeCancelledAndEveryUnsuccessfulEndRetried() {
        for (JobStatus status : JobStatus.values()) {
            assertEquals(status.name(), !status.isFinished(), JobTransition.CANCEL.isAllowedFrom(status));
            assertEquals(status.name(), status == FAILED || status == CANCELLED,
                    JobTransition.RETRY.isAllowedFrom(status));
        }
    }
}
