package dev.blixard.http.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.service.ClaimRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class ClaimJsonTest {
    private final JsonCodec codec = JsonCodec.withMaxDepth(64);

    @Test
    public void readsEveryField() {
        ClaimRequest claim = read("{\"worker_id\": \"w-1\", \"worker_types\": [\"mock\", \"local\"], \"max_jobs\": 5,"
                + " \"lease_ms\": 5000, \"wait_ms\": 250, \"start_on_claim\": true}");
        assertEquals("w-1", claim.workerId());
        assertEquals(List.of("mock", "local"), claim.workerTypes());
        assertEquals(5, claim.maxJobs());
        assertEquals(Duration.ofSeconds(5), claim.lease());
        assertEquals(Duration.ofMillis(250), claim.waitFor());
        assertTrue(claim.startsOnClaim());
    }

    @Test
    public void aClaimLeavesItsJobsClaimedUnlessAskedToStartThem() {
        ClaimRequest claim = read("{\"worker_id\": \"w-1\", \"worker_type\": \"mock\"}");
        assertEquals(List.of("mock"), claim.workerTypes());
        assertFalse(claim.startsOnClaim());
    }

    @Test(expected = InvalidRequestException.class)
    public void bothFormsOfWorkerTypeAreRefused() {
        read("{\"worker_id\": \"w-1\", \"worker_type\": \"mock\", \"worker_types\": [\"mock\"]}");
    }

    private ClaimRequest read(String json) {
        return ClaimJson.read(FieldReader.of(codec.parse(json.getBytes(StandardCharsets.UTF_8)), "the body"));
    }
}
