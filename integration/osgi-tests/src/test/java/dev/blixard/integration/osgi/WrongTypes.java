package dev.blixard.integration.osgi;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Generates request bodies that break a JSON schema of the OpenAPI document: every property with a value of
 * another JSON type (a string for a number, a fraction or a 33-bit number for a 32-bit integer, a number for a
 * string, …) and an unknown field in every object, nested objects and objects in arrays included. The server
 * reads bodies strictly, so each of them is a 400; the other fields may be absent, since type errors are
 * reported before values are checked.
 */
final class WrongTypes {
    private static final int DEEPEST = 3;

    private WrongTypes() {
    }

    /** @return body text by what is wrong in it, for an object schema */
    static Map<String, String> bodies(ApiOperation operation) {
        Map<String, String> bodies = new LinkedHashMap<>();
        object(operation.document(), operation.body(), "", 0, bodies);
        return bodies;
    }

    /** Adds, for an object schema, a body with an unknown field and one per wrong value of each property. */
    private static void object(JsonNode document, JsonNode schema, String where, int depth, Map<String, String> out) {
        out.put(where + "no_such_field: unknown", "{\"no_such_field\": 1}");
        if (depth >= DEEPEST) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            for (Map.Entry<String, String> value : values(document, property.getValue(), where + name, depth).entrySet()) {
                out.put(value.getKey(), "{\"" + name + "\": " + value.getValue() + "}");
            }
        }
    }

    /** @return wrong values for one property, as JSON text, by description */
    private static Map<String, String> values(JsonNode document, JsonNode raw, String where, int depth) {
        JsonNode schema = ApiOperation.resolve(document, raw);
        Map<String, String> values = new LinkedHashMap<>();
        switch (schema.path("type").asText("")) {
            case "integer" -> {
                put(values, where, "\"7\"", "1.5", "true", "[1]");
                put(values, where, schema.path("format").asText("").equals("int64") ? "123456789012345678901234" : "3000000000");
            }
            case "number" -> put(values, where, "\"1\"", "true", "{}");
            case "boolean" -> put(values, where, "\"true\"", "1", "[]");
            case "string" -> {
                put(values, where, "42", "true", "{}", "[\"a\"]");
                if (schema.path("format").asText("").equals("date-time")) {
                    put(values, where, "\"yesterday\"");
                }
            }
            case "array" -> {
                put(values, where, "\"a\"", "{}", "7");
                JsonNode items = ApiOperation.resolve(document, schema.path("items"));
                if (items.path("type").asText("").equals("object")) {
                    put(values, where + "[0]", "[1]", "[\"a\"]");
                    Map<String, String> inner = new LinkedHashMap<>();
                    object(document, items, where + "[0].", depth + 1, inner);
                    inner.forEach((what, body) -> values.put(what, "[" + body + "]"));
                } else {
                    put(values, where + "[0]", wrongScalar(items));
                }
            }
            case "object" -> {
                put(values, where, "\"a\"", "[]", "5");
                JsonNode additional = schema.path("additionalProperties");
                if (additional.isObject() && additional.path("type").asText("").equals("string")) {
                    values.put(where + ".k = 1", "{\"k\": 1}");
                }
                if (schema.has("properties")) {
                    Map<String, String> inner = new LinkedHashMap<>();
                    object(document, schema, where + ".", depth + 1, inner);
                    values.putAll(inner);
                }
            }
            default -> {
                // Any JSON value (payload, result): nothing is of the wrong type.
            }
        }
        return values;
    }

    private static String wrongScalar(JsonNode schema) {
        return schema.path("type").asText("").equals("string") ? "[1]" : "[\"a\"]";
    }

    private static void put(Map<String, String> values, String where, String... wrong) {
        for (String value : wrong) {
            values.put(where + " = " + value, value);
        }
    }
}
