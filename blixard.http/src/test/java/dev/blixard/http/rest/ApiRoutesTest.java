package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.security.Role;
import dev.blixard.http.json.JsonCodec;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.Test;

/** The route table is the API of API.md, and the served OpenAPI document describes exactly it. */
public class ApiRoutesTest {
    private final RouteTable table = ApiRoutes.table(new UnavailableServices(), JsonCodec.withMaxDepth(64));

    @Test
    public void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = new TreeSet<>();
        table.routes().forEach(route -> routes.add(route.method() + " " + route.template()));
        Set<String> documented = new TreeSet<>();
        JsonNode paths = ApiRoutes.openApi().path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> path = paths.fields(); path.hasNext();) {
            Map.Entry<String, JsonNode> entry = path.next();
            if (entry.getValue().has("servers")) {
                continue; // served elsewhere than under /api: /metrics
            }
            entry.getValue().fieldNames().forEachRemaining(
                    method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + entry.getKey()));
        }
        assertEquals(routes, documented);
    }

    @Test
    public void theApiOfTheContractIsServedWithTokens() {
        Set<String> expected = Set.of("POST /queue/publish", "POST /queue/publish/batch", "POST /queue/claim",
                "POST /queue/status/{id}", "GET /queue/stats", "GET /jobs", "GET /jobs/{id}", "POST /jobs/{id}/cancel",
                "POST /jobs/{id}/retry", "POST /workers/register", "POST /workers/{id}/heartbeat",
                "POST /workers/{id}/drain", "GET /workers", "GET /workers/{id}", "GET /health", "GET /backends",
                "GET /plugins", "GET /openapi.json", "GET /cluster", "POST /cluster/members",
                "DELETE /cluster/members/{id}", "GET /events", "POST /tokens", "GET /tokens",
                "DELETE /tokens/{id}");
        Set<String> routes = new TreeSet<>();
        table.routes().forEach(route -> routes.add(route.method() + " " + route.template()));
        assertEquals(new TreeSet<>(expected), routes);
    }

    @Test
    public void rolesFollowTheContract() {
        Map<String, Set<Role>> roles = new TreeMap<>();
        table.routes().forEach(route -> roles.put(route.method() + " " + route.template(), route.roles()));
        assertEquals(Set.of(Role.CLIENT), roles.get("POST /queue/publish"));
        assertEquals(Set.of(Role.CLIENT), roles.get("GET /jobs/{id}"));
        assertEquals(Set.of(Role.CLIENT), roles.get("POST /jobs/{id}/retry"));
        assertEquals(Set.of(Role.WORKER), roles.get("POST /queue/claim"));
        assertEquals(Set.of(Role.WORKER), roles.get("POST /queue/status/{id}"));
        assertEquals(Set.of(Role.WORKER), roles.get("POST /workers/{id}/heartbeat"));
        assertEquals("admin only", Set.of(), roles.get("GET /workers"));
        assertEquals("admin only", Set.of(), roles.get("GET /queue/stats"));
        assertEquals(Set.of(Role.CLIENT, Role.WORKER), roles.get("GET /health"));
        assertEquals("admin only", Set.of(), roles.get("GET /cluster"));
        assertEquals("admin only", Set.of(), roles.get("POST /cluster/members"));
        assertEquals("admin only", Set.of(), roles.get("DELETE /cluster/members/{id}"));
        assertEquals("admin only", Set.of(), roles.get("POST /tokens"));
        assertEquals("admin only", Set.of(), roles.get("GET /tokens"));
        assertEquals("admin only", Set.of(), roles.get("DELETE /tokens/{id}"));
        assertEquals(Set.of(Role.CLIENT, Role.WORKER), roles.get("GET /events"));
    }

    /** {@code x-blixard-roles} lists, for tools and contract tests, exactly who the route table lets in. */
    @Test
    public void everyOperationListsTheRolesOfItsRoute() {
        JsonNode paths = ApiRoutes.openApi().path("paths");
        for (Route route : table.routes()) {
            JsonNode listed = paths.path(route.template()).path(route.method().toLowerCase(Locale.ROOT))
                    .path("x-blixard-roles");
            assertTrue(route.method() + " " + route.template() + " lists its roles", listed.isArray());
            Set<String> documented = new TreeSet<>();
            listed.forEach(role -> documented.add(role.asText()));
            Set<String> allowed = new TreeSet<>(Set.of(Role.ADMIN.wireName()));
            route.roles().forEach(role -> allowed.add(role.wireName()));
            assertEquals(route.method() + " " + route.template(), allowed, documented);
        }
    }

    @Test
    public void theEventStreamIsDocumentedAsServerSentEvents() {
        JsonNode events = ApiRoutes.openApi().path("paths").path("/events").path("get");
        assertTrue(events.path("responses").path("200").path("content").has("text/event-stream"));
    }

    @Test
    public void metricsAreDocumentedAtTheRootForAdmins() {
        JsonNode metrics = ApiRoutes.openApi().path("paths").path("/metrics");
        assertEquals("/", metrics.path("servers").path(0).path("url").asText());
        assertTrue(metrics.path("get").path("summary").asText().contains("roles: admin"));
        assertTrue(metrics.path("get").path("responses").has("401"));
        assertTrue(metrics.path("get").path("responses").has("403"));
    }

    @Test
    public void everyDocumentedOperationSaysWhoMayCallIt() {
        JsonNode paths = ApiRoutes.openApi().path("paths");
        for (Route route : table.routes()) {
            JsonNode operation = paths.path(route.template()).path(route.method().toLowerCase(Locale.ROOT));
            String summary = operation.path("summary").asText();
            assertTrue(route.template() + " summary names admin: " + summary, summary.contains("admin"));
            for (Role role : route.roles()) {
                assertTrue(route.template() + " summary names " + role + ": " + summary,
                        summary.contains(role.wireName()));
            }
            assertTrue(route.template() + " documents 401", operation.path("responses").has("401"));
            assertTrue(route.template() + " documents 429", operation.path("responses").has("429"));
        }
    }
}
