package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.json.FieldReader;
import dev.blixard.http.problem.ProblemKind;
import java.util.Map;

/**
 * One authorised request as a handler sees it: who calls, the captured path segments, the query and the
 * parsed body (already checked for type, size and depth).
 *
 * @param caller who calls
 * @param params captured path segments by name
 * @param query the query parameters
 * @param body the JSON body, or {@code null} when the route takes none or none was sent
 */
public record ApiCall(Caller caller, Map<String, String> params, Map<String, String[]> query, JsonNode body) {

    public ApiCall {
        params = Map.copyOf(params);
        query = Map.copyOf(query);
    }

    /** @return the captured path segment {@code name} */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route captures no segment '" + name + "'");
        }
        return value;
    }

    /** @return a strict reader of the body, which must be a JSON object */
    public FieldReader fields() {
        if (body == null) {
            throw ProblemKind.BAD_REQUEST.problem("the request needs a JSON body");
        }
        return FieldReader.of(body, "the request body");
    }

    /** @return a strict reader of the body, or {@code null} when none was sent */
    public FieldReader optionalFields() {
        return body == null ? null : fields();
    }
}
