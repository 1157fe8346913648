package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.security.Role;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RouteTableTest {
    private static final Handler NOTHING = call -> null;

    private final RouteTable table = new RouteTable(List.of(
            Route.post("/queue/publish", BodyRule.JSON, NOTHING, Role.CLIENT),
            Route.post("/queue/publish/batch", BodyRule.BATCH_JSON, NOTHING, Role.CLIENT),
            Route.get("/jobs", NOTHING, Role.CLIENT),
            Route.get("/jobs/{id}", NOTHING, Role.CLIENT),
            Route.post("/jobs/{id}/cancel", BodyRule.OPTIONAL_JSON, NOTHING, Role.CLIENT),
            Route.post("/workers/register", BodyRule.JSON, NOTHING, Role.WORKER),
            Route.get("/workers/{id}", NOTHING)));

    @Test
    public void capturesSegments() {
        RouteTable.Match match = table.match("POST", "/jobs/j-1/cancel");
        assertEquals("/jobs/{id}/cancel", match.route().template());
        assertEquals(Map.of("id", "j-1"), match.params());
    }

    @Test
    public void literalSegmentsWinOverCaptures() {
        assertEquals("/queue/publish/batch", table.match("POST", "/queue/publish/batch").route().template());
        assertEquals("/workers/register", table.match("POST", "/workers/register").route().template());
    }

    @Test
    public void aLiteralPathNamesItsResourceEvenForOtherMethods() {
        // GET /workers/register is the register resource with the wrong method, not a worker called "register".
        HttpProblem problem = problem("GET", "/workers/register");
        assertEquals(ProblemKind.METHOD_NOT_ALLOWED, problem.kind());
        assertEquals("POST", problem.headers().get("Allow"));
    }

    @Test
    public void unknownPathsAre404() {
        assertEquals(ProblemKind.NOT_FOUND, problem("GET", "/nothing").kind());
        assertEquals(ProblemKind.NOT_FOUND, problem("GET", "/jobs/").kind());
        assertEquals(ProblemKind.NOT_FOUND, problem("GET", "/jobs/a/b/c").kind());
        assertEquals(ProblemKind.NOT_FOUND, problem("GET", "/").kind());
    }

    @Test
    public void wrongMethodsAre405WithAllow() {
        HttpProblem problem = problem("DELETE", "/jobs/7");
        assertEquals(ProblemKind.METHOD_NOT_ALLOWED, problem.kind());
        assertEquals("GET", problem.headers().get("Allow"));
        assertEquals("POST", problem("PUT", "/queue/publish").headers().get("Allow"));
    }

    @Test
    public void aRouteDeclaredTwiceIsRefused() {
        try {
            new RouteTable(List.of(Route.get("/jobs", NOTHING), Route.get("/jobs", NOTHING)));
            fail("two GET /jobs were accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("GET /jobs"));
        }
    }

    private HttpProblem problem(String method, String path) {
        try {
            table.match(method, path);
        } catch (HttpProblem problem) {
            return problem;
        }
        throw new AssertionError(method + " " + path + " matched");
    }
}
