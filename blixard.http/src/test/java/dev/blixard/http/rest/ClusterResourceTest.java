package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.ConflictException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.fakes.FakeClusterService;
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
        JsonNode body = new RouteCalls(services(new FakeClusterService(status))).call(ADMIN, "GET", "/cluster", null).body();
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
        JsonNode body = new RouteCalls(services(new FakeClusterService(electing))).call(ADMIN, "GET", "/cluster", null).body();
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

    @Test
    public void aMemberIsAddedAndTheGroupAfterTheChangeIsAnswered() {
        FakeClusterService cluster = new FakeClusterService(threeMembers());
        Reply reply = new RouteCalls(services(cluster)).call(ADMIN, "POST", "/cluster/members",
                "{\"id\": \"n4\", \"address\": \"127.0.0.1:9004\"}");
        assertEquals(200, reply.status());
        assertEquals(4, reply.body().path("members").size());
        assertEquals("127.0.0.1:9004", reply.body().path("members").path(3).path("address").asText());
        assertEquals(4, cluster.status().members().size());
    }

    @Test
    public void aMemberIsRemoved() {
        FakeClusterService cluster = new FakeClusterService(threeMembers());
        Reply reply = new RouteCalls(services(cluster)).call(ADMIN, "DELETE", "/cluster/members/n3", null);
        assertEquals(200, reply.status());
        assertEquals(2, reply.body().path("members").size());
    }

    @Test
    public void malformedAddBodiesAre400AndMissingFields422AndNothingChanges() {
        FakeClusterService cluster = new FakeClusterService(threeMembers());
        RouteCalls calls = new RouteCalls(services(cluster));
        for (String body : new String[] {"{\"id\": 4, \"address\": \"h:1\"}", "{\"id\": \"n4\", \"address\": \"h:1\", \"x\": 1}", "[]"}) {
            try {
                calls.call(ADMIN, "POST", "/cluster/members", body);
                fail("accepted " + body);
            } catch (HttpProblem problem) {
                assertEquals(body, ProblemKind.BAD_REQUEST, problem.kind());
            }
        }
        try {
            calls.call(ADMIN, "POST", "/cluster/members", "{\"id\": \"n4\"}");
            fail("accepted a member without an address");
        } catch (dev.blixard.api.InvalidRequestException expected) {
            assertEquals("address", expected.violations().get(0).field());
        }
        assertEquals(3, cluster.status().members().size());
    }

    @Test
    public void aDuplicateIsAConflictAndAnUnknownIdNotFound() {
        RouteCalls calls = new RouteCalls(services(new FakeClusterService(threeMembers())));
        try {
            calls.call(ADMIN, "POST", "/cluster/members", "{\"id\": \"n2\", \"address\": \"127.0.0.1:9009\"}");
            fail("added n2 twice");
        } catch (ConflictException expected) {
            assertEquals(409, ProblemMapping.toProblem(expected).kind().status());
        }
        try {
            calls.call(ADMIN, "DELETE", "/cluster/members/n9", null);
            fail("removed an unknown member");
        } catch (NotFoundException expected) {
            assertEquals(404, ProblemMapping.toProblem(expected).kind().status());
        }
    }

    @Test
    public void onlyAdminsChangeTheGroup() {
        FakeClusterService cluster = new FakeClusterService(threeMembers());
        RouteCalls calls = new RouteCalls(services(cluster));
        Caller client = new Caller("c", Role.CLIENT, null);
        for (String[] call : new String[][] {{"POST", "/cluster/members"}, {"DELETE", "/cluster/members/n3"}}) {
            try {
                calls.call(client, call[0], call[1], "{\"id\": \"n4\", \"address\": \"127.0.0.1:9004\"}");
                fail(call[0] + " " + call[1] + " allowed a client");
            } catch (HttpProblem problem) {
                assertEquals(ProblemKind.FORBIDDEN, problem.kind());
            }
        }
        assertEquals(3, cluster.status().members().size());
    }

    private static ClusterStatus threeMembers() {
        return new ClusterStatus("n1", "LEADER", "n1", 3, 40, 40, List.of(
                new ClusterStatus.ClusterMember("n1", "127.0.0.1:9001", true),
                new ClusterStatus.ClusterMember("n2", "127.0.0.1:9002", false),
                new ClusterStatus.ClusterMember("n3", "127.0.0.1:9003", false)));
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
