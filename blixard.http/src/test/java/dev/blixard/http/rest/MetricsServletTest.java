package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.security.Role;
import dev.blixard.http.auth.TokenAuthenticator;
import dev.blixard.http.fakes.FakeTokenService;
import dev.blixard.http.metrics.ClaimTimer;
import dev.blixard.http.metrics.Metrics;
import dev.blixard.http.metrics.MetricsScrape;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class MetricsServletTest {
    private final FakeTokenService tokens = new FakeTokenService();
    private final MetricsServlet servlet = new MetricsServlet(new TokenAuthenticator(tokens), new Metrics() {
        @Override
        public MetricsScrape scrape(String accept) {
            return new MetricsScrape("text/plain; version=0.0.4; charset=utf-8", "blixard_up 1.0\n");
        }

        @Override
        public ClaimTimer claims() {
            return ClaimTimer.NONE;
        }
    });

    private FakeHttp.Response call(String method, String authorization) throws IOException {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(FakeHttp.request(method, headers), response.proxy());
        return response;
    }

    private String bearer(Role role) {
        return "Bearer " + tokens.create(role, null, "test").secret();
    }

    @Test
    public void refusesARequestWithoutAValidToken() throws IOException {
        for (String authorization : new String[] {null, "Basic abc", "Bearer ", "Bearer nope"}) {
            FakeHttp.Response response = call("GET", authorization);
            assertEquals(authorization, 401, response.status);
            assertEquals("application/problem+json", response.contentType);
            assertTrue(response.headers.get("WWW-Authenticate").startsWith("Bearer"));
        }
    }

    @Test
    public void refusesClientsAndWorkers() throws IOException {
        assertEquals(403, call("GET", bearer(Role.CLIENT)).status);
        assertEquals(403, call("GET", bearer(Role.WORKER)).status);
    }

    @Test
    public void answersAnAdminWithTheScrape() throws IOException {
        FakeHttp.Response response = call("GET", bearer(Role.ADMIN));
        assertEquals(200, response.status);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.contentType);
        assertEquals("blixard_up 1.0\n", response.text());
    }

    @Test
    public void onlyGetAndHead() throws IOException {
        String admin = bearer(Role.ADMIN);
        FakeHttp.Response post = call("POST", admin);
        assertEquals(405, post.status);
        assertEquals("GET, HEAD", post.headers.get("Allow"));
        FakeHttp.Response head = call("HEAD", admin);
        assertEquals(200, head.status);
        assertEquals("", head.text());
        assertEquals(401, call("POST", null).status);
    }
}
