package dev.blixard.api.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class JobStatusTest {

    @Test
    public void parsesDisplayAndConstantNamesIgnoringCase() {
        for (JobStatus status : JobStatus.values()) {
            assertSame(status, JobStatus.parse(status.displayName()));
            assertSame(status, JobStatus.parse(status.name()));
            assertSame(status, JobStatus.parse(status.displayName().toLowerCase()));
        }
        assertSame(JobStatus.IN_PROGRESS, JobStatus.parse(" InProgress "));
    }

    @Test
    public void refusesUnknownNamesListingTheAcceptedOnes() {
        for (String bad : new String[] {"Done", "", "In Progress", null}) {
            try {
                JobStatus.parse(bad);
                fail("'" + bad + "' must be refused");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("InProgress"));
            }
        }
    }

    @Test
    public void wireNamesMatchTheApiContract() {
        assertEquals("Pending", JobStatus.PENDING.toString());
        assertEquals("InProgress", JobStatus.IN_PROGRESS.toString());
        assertEquals("in_progress", JobStatus.IN_PROGRESS.metricName());
    }
}
