package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import dev.blixard.http.problem.ProblemMapping;
import java.util.List;
import org.junit.Test;

public class ClusterResourceTest {
    private static final Caller ADMIN = new Caller("tok-admin", Role.ADMIN, null);

    @Test
    public void theClusterAsTheNodeSeesIt() {
        ClusterStatus status = new ClusterStatus("n2", "FOLLOWER", "n1", 7, 120, 118, List.of(
                new ClusterStatus.ClusterMember("n1", "127.0.0.1:9001", true),
                new ClusterStatus.ClusterMember("n2", "127.0.0.1:9002", false)));
        JsonNode body = new RouteCalls(services(() -> status)).call(ADMIN, "GET", "/cluster", null).body();
        assertEquals("n2", body.path("node_id").asText());
        assertEquals("FOLLOWER", body.path("role").asText());
        assertEquals("n1", body.path("leader_id").asText());
        assertEquals(7, body.path("term").asLong());
        assertEquals(120, body.path("commit_index").asLong());
        assertEquals(118, body.path("applied_index").asLong());
        assertEquals(2, body.path("members").size());
        assertEquals("127.0.0.1:9001", body.path("members").path(0).path("address").asText());
        assertTrue(body.path("members").path(0).path("leader").asBoolean());
        assertFalse(body.path("members").path(1).path("leader").asBoolean());
    }

    @Test
    public void noLeaderIsNull() {
        ClusterStatus electing = new ClusterStatus("n1", "CANDIDATE", null, 8, 1, 1, List.of());
        JsonNode body = new RouteCalls(services(() -> electing)).call(ADMIN, "GET", "/cluster", null).body();
        assertTrue(body.has("leader_id"));
        assertTrue(body.path("leader_id").isNull());
    }

    @Test
    public void withoutTheServiceIs503() {
        try {
            new RouteCalls(new UnavailableServices()).call(ADMIN, "GET", "/cluster", null);
            fail("answered without a cluster service");
        } catch (UnavailableException expected) {
            assertEquals(503, ProblemMapping.toProblem(expected).kind().status());
        }
    }

    @Test
    public void onlyAdmins() {
        try {
            new RouteCalls(new UnavailableServices()).call(new Caller("w", Role.WORKER, null), "GET", "/cluster", null);
            fail("a worker read the cluster");
        } catch (HttpProblem problem) {
            assertEquals(ProblemKind.FORBIDDEN, problem.kind());
        }
    }

    private static NodeServices services(ClusterService cluster) {
        return new UnavailableServices() {
            @Override
            public ClusterService cluster() {
                return cluster;
            }
        };
    }
}
