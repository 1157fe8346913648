package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.Health;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.http.auth.Caller;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.Test;

/** {@code GET /api/health} says ready only when core is healthy and the REST API has the services it calls. */
public class HealthRouteTest {
    private static final Caller WORKER = new Caller("tok-worker", Role.WORKER, null);
    private static final HealthService HEALTHY_CORE = new HealthService() {
        @Override
        public Map<String, Health> components() {
            return Map.of("store", Health.up("leader n1"));
        }

        @Override
        public Health overall() {
            return Health.up("all components up");
        }
    };

    @Test
    public void aHealthyCoreWithoutTheQueuesServicesYetIsNotReady() {
        Reply reply = new RouteCalls(new HealthyCoreOnly()).call(WORKER, "GET", "/health", null);

        assertEquals(503, reply.status());
        JsonNode body = reply.body();
        assertFalse(body.path("ready").asBoolean());
        JsonNode api = body.path("components").path(NodeResource.API_COMPONENT);
        assertEquals("Down", api.path("status").asText());
        assertTrue(api.toString(), api.path("message").asText().endsWith("job commands, job queries, workers"));
        assertEquals("Up", body.path("components").path("store").path("status").asText());
    }

    @Test
    public void withTheServicesThereItIsReady() {
        Reply reply = new RouteCalls(new HealthyCoreOnly() {
            @Override
            public JobCommandService commands() {
                return present(JobCommandService.class);
            }

            @Override
            public JobQueryService queries() {
                return present(JobQueryService.class);
            }

            @Override
            public WorkerService workers() {
                return present(WorkerService.class);
            }
        }).call(WORKER, "GET", "/health", null);

        assertEquals(200, reply.status());
        assertTrue(reply.body().path("ready").asBoolean());
        assertEquals("Up", reply.body().path("components").path(NodeResource.API_COMPONENT).path("status").asText());
    }

    /** Core reports healthy; the queue's services are not registered (yet). */
    private static class HealthyCoreOnly extends UnavailableServices {
        @Override
        public HealthService health() {
            return HEALTHY_CORE;
        }
    }

    /** A registered service that is never called here: health only asks whether it is there. */
    private static <T> T present(Class<T> service) {
        return service.cast(Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service},
                (proxy, method, args) -> {
                    throw new AssertionError("health called " + method.getName());
                }));
    }
}
