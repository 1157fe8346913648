package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenService;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.fakes.FakeTokenService;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import org.junit.Test;

public class TokenResourceTest {
    private static final Caller ADMIN = new Caller("tok-admin", Role.ADMIN, null);
    private static final Caller CLIENT = new Caller("tok-client", Role.CLIENT, "t");

    private final FakeTokenService tokens = new FakeTokenService();
    private final RouteCalls routes = new RouteCalls(new UnavailableServices() {
        @Override
        public TokenService tokens() {
            return tokens;
        }
    });

    @Test
    public void createShowsTheSecretOnceAndListingNever() {
        Reply created = routes.call(ADMIN, "POST", "/tokens",
                "{\"role\": \"client\", \"tenant\": \"t\", \"description\": \"ci\"}");
        assertEquals(201, created.status());
        JsonNode token = created.body();
        assertEquals("client", token.path("role").asText());
        assertEquals("t", token.path("tenant").asText());
        assertEquals("ci", token.path("description").asText());
        assertTrue(token.path("created_at").asText().endsWith("Z"));
        String secret = token.path("secret").asText();
        assertTrue(tokens.authenticate(secret).isPresent());

        Reply listed = routes.call(ADMIN, "GET", "/tokens", null);
        assertEquals(200, listed.status());
        JsonNode first = listed.body().path("tokens").path(0);
        assertEquals(token.path("id"), first.path("id"));
        assertFalse(first.has("secret"));
        assertFalse(listed.body().toString().contains(secret));
    }

    @Test
    public void tenantAndDescriptionAreOptional() {
        JsonNode token = routes.call(ADMIN, "POST", "/tokens", "{\"role\": \"worker\"}").body();
        assertTrue(token.path("tenant").isNull());
        assertEquals("", token.path("description").asText());
    }

    @Test
    public void revokeIs204AndUnknownIs404() {
        String id = routes.call(ADMIN, "POST", "/tokens", "{\"role\": \"admin\"}").body().path("id").asText();
        Reply revoked = routes.call(ADMIN, "DELETE", "/tokens/" + id, null);
        assertEquals(204, revoked.status());
        assertNull(revoked.body());
        assertTrue(tokens.list().isEmpty());
        try {
            routes.call(ADMIN, "DELETE", "/tokens/" + id, null);
            fail("revoked twice");
        } catch (NotFoundException expected) {
            assertTrue(expected.getMessage().contains(id));
        }
    }

    @Test
    public void badBodiesAreRefused() {
        assertEquals(ProblemKind.BAD_REQUEST, problem("{\"role\": \"client\", \"secret\": \"mine\"}").kind());
        assertEquals(ProblemKind.BAD_REQUEST, problem("{\"role\": 1}").kind());
        invalid("{}", "role");
        invalid("{\"role\": \"root\"}", "role");
        assertTrue(tokens.list().isEmpty());
    }

    @Test
    public void onlyAdminsManageTokens() {
        for (String[] call : new String[][] {{"POST", "/tokens"}, {"GET", "/tokens"}, {"DELETE", "/tokens/x"}}) {
            try {
                routes.call(CLIENT, call[0], call[1], "{\"role\": \"admin\"}");
                fail(call[0] + " " + call[1] + " allowed a client");
            } catch (HttpProblem problem) {
                assertEquals(ProblemKind.FORBIDDEN, problem.kind());
            }
        }
        assertTrue(tokens.list().isEmpty());
    }

    private HttpProblem problem(String body) {
        try {
            routes.call(ADMIN, "POST", "/tokens", body);
        } catch (HttpProblem problem) {
            return problem;
        }
        throw new AssertionError("accepted " + body);
    }

    private void invalid(String body, String field) {
        try {
            routes.call(ADMIN, "POST", "/tokens", body);
            fail("accepted " + body);
        } catch (InvalidRequestException expected) {
            assertEquals(field, expected.violations().get(0).field());
        }
    }
}
