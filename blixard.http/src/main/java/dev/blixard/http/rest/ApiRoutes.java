package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.http.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Every route of the REST API, from its resources; the OpenAPI document describes exactly these. */
public final class ApiRoutes {
    /** The OpenAPI document, a resource of this bundle. */
    static final String OPENAPI_RESOURCE = "openapi.json";

    private ApiRoutes() {
    }

    /** @return the route table over {@code services} */
    public static RouteTable table(NodeServices services, JsonCodec codec) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new QueueResource(services, codec).routes());
        routes.addAll(new JobResource(services).routes());
        routes.addAll(new WorkerResource(services).routes());
        routes.addAll(new NodeResource(services, openApi()).routes());
        routes.addAll(new ClusterResource(services).routes());
        routes.addAll(new TokenResource(services).routes());
        routes.addAll(new EventResource(services).routes());
        return new RouteTable(routes);
    }

    /** @return the OpenAPI document served at {@code /api/openapi.json} */
    static JsonNode openApi() {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its " + OPENAPI_RESOURCE);
            }
            // The document is ours and deeper than request bodies may be: parse it without their limit.
            return JsonCodec.withMaxDepth(1000).parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
