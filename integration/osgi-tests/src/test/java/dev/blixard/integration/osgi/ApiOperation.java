package dev.blixard.integration.osgi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One operation of the OpenAPI document the node serves, as the contract tests need it: method, path
 * template, the roles of {@code x-blixard-roles}, the methods its path allows, and its request body's schema
 * with {@code $ref}s resolved against the document.
 *
 * @param method the HTTP method, upper case
 * @param template the path template under {@code /api}, for example {@code /jobs/{id}}
 * @param roles who may call it ({@code client}, {@code worker}, {@code admin})
 * @param pathMethods every method the document lists for the template, upper case and sorted
 * @param body the request body's schema, {@link MissingNode} when the operation takes none
 * @param bodyRequired whether a body must be sent
 * @param document the whole document, to resolve references in {@code body}
 */
record ApiOperation(String method, String template, Set<String> roles, Set<String> pathMethods, JsonNode body,
        boolean bodyRequired, JsonNode document) {

    /** @return every operation of the document under {@code /api}, in its order */
    static List<ApiOperation> all(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getValue().has("servers")) {
                continue; // served elsewhere than /api (GET /metrics, which MetricsTest covers)
            }
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(method -> methods.add(method.toUpperCase(Locale.ROOT)));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                Set<String> roles = new TreeSet<>();
                op.getValue().path("x-blixard-roles").forEach(role -> roles.add(role.asText()));
                JsonNode request = op.getValue().path("requestBody");
                JsonNode schema = request.path("content").path(ContractCase.JSON).path("schema");
                operations.add(new ApiOperation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), roles, methods,
                        resolve(document, schema), request.path("required").asBoolean(false), document));
            }
        }
        return operations;
    }

    /** @return {@code schema}, or what its {@code $ref} names */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return schema;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return resolve(document, target);
    }

    boolean hasBody() {
        return !body.isMissingNode();
    }

    boolean hasId() {
        return template.contains("{id}");
    }

    /** @return the template with {@code id} in place of {@code {id}} */
    String path(String id) {
        return template.replace("{id}", id);
    }

    /** @return "METHOD /template" */
    String label() {
        return method + " " + template;
    }
}
