package dev.blixard.api.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.InvalidRequestException;
import java.time.Duration;
import org.junit.Test;

public class ClaimRequestTest {

    @Test
    public void defaults() {
        ClaimRequest request = ClaimRequest.builder("worker-1").build();
        assertEquals(1, request.maxJobs());
        assertEquals(ClaimRequest.DEFAULT_LEASE, request.lease());
        assertEquals(Duration.ZERO, request.waitFor());
        assertTrue(request.workerTypes().isEmpty());
    }

    @Test
    public void refusesOutOfRangeValues() {
        assertInvalid(ClaimRequest.builder("worker 1"), "worker_id");
        assertInvalid(ClaimRequest.builder("w").maxJobs(0), "max_jobs");
        assertInvalid(ClaimRequest.builder("w").maxJobs(ClaimRequest.MAX_JOBS + 1), "max_jobs");
        assertInvalid(ClaimRequest.builder("w").lease(Duration.ofMillis(999)), "lease_ms");
        assertInvalid(ClaimRequest.builder("w").lease(Duration.ofHours(2)), "lease_ms");
        assertInvalid(ClaimRequest.builder("w").waitFor(Duration.ofMillis(-1)), "wait_ms");
        assertInvalid(ClaimRequest.builder("w").waitFor(ClaimRequest.MAX_WAIT.plusMillis(1)), "wait_ms");
        assertInvalid(ClaimRequest.builder("w").workerTypes("Docker"), "worker_types[0]");
    }

    private static void assertInvalid(ClaimRequest.Builder builder, String field) {
        try {
            builder.build();
            fail("expected a violation of " + field);
        } catch (InvalidRequestException e) {
            assertEquals(field, e.violations().get(0).field());
        }
    }
}
