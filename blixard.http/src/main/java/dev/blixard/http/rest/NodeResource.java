package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.HealthService;
import dev.blixard.http.json.ComponentJson;
import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.json.JsonOut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The node: {@code /api/health} (any caller: load balancers and workers poll it), {@code /api/backends} and
 * {@code /api/plugins} (admins), and {@code /api/openapi.json}, the contract this API serves (any caller).
 */
final class NodeResource {
    /** The name of the REST API's own component in {@code /api/health}. */
    static final String API_COMPONENT = "rest-api";

    private final NodeServices services;
    private final JsonNode openApi;

    NodeResource(NodeServices services, JsonNode openApi) {
        this.services = services;
        this.openApi = openApi;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/health", call -> health(), Role.CLIENT, Role.WORKER),
                Route.get("/backends", call -> backends()),
                Route.get("/plugins", call -> plugins()),
                Route.get("/openapi.json", call -> Reply.ok(openApi), Role.CLIENT, Role.WORKER));
    }

    /**
     * 200 when the node is ready (its overall health is not DOWN and the API's own services are there), 503
     * otherwise, with every component. The services come a moment after core reports healthy (and go while the
     * store has no leader): a caller told "ready" must find its submit taken, not refused with a 503.
     */
    private Reply health() {
        HealthService health = services.health();
        Health api = apiServices();
        Health overall = api.state() == HealthState.DOWN ? api : health.overall();
        ObjectNode body = JsonOut.health(overall);
        body.put("ready", overall.state() != HealthState.DOWN);
        ObjectNode components = body.putObject("components");
        TreeMap<String, Health> all = new TreeMap<>(health.components());
        all.put(API_COMPONENT, api);
        all.forEach((name, state) -> components.set(name, JsonOut.health(state)));
        return Reply.status(overall.state() == HealthState.DOWN ? 503 : 200, body);
    }

    /** @return DOWN naming the services the REST API is still without, else UP */
    private Health apiServices() {
        Map<String, Supplier<?>> needed = new LinkedHashMap<>();
        needed.put("job commands", services::commands);
        needed.put("job queries", services::queries);
        needed.put("workers", services::workers);
        List<String> missing = new ArrayList<>();
        needed.forEach((name, service) -> {
            try {
                service.get();
            } catch (UnavailableException notThere) {
                missing.add(name);
            }
        });
        return missing.isEmpty() ? Health.up("the REST API's services are all there")
                : Health.down("the REST API waits for its services: " + String.join(", ", missing));
    }

    private Reply backends() {
        ObjectNode body = JsonCodec.object();
        ArrayNode list = body.putArray("backends");
        for (ExecutionBackend backend : services.backends()) {
            list.add(ComponentJson.backend(backend));
        }
        return Reply.ok(body);
    }

    private Reply plugins() {
        ObjectNode body = JsonCodec.object();
        List<ObjectNode> plugins = new ArrayList<>();
        services.plugins().forEach((plugin, kinds) -> plugins.add(ComponentJson.plugin(plugin, kinds)));
        plugins.sort(Comparator.comparing(plugin -> plugin.path("name").asText("")));
        body.putArray("plugins").addAll(plugins);
        ArrayNode problems = body.putArray("problems");
        services.pluginProblems().forEach(problem -> problems.add(ComponentJson.problem(problem)));
        return Reply.ok(body);
    }
}
