package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.json.FieldReader;
import dev.blixard.http.problem.ProblemKind;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authorised request as a handler sees it: who calls, the captured path segments, the query, the
 * request headers and the parsed body (already checked for type, size and depth).
 *
 * @param caller who calls
 * @param params captured path segments by name
 * @param query the query parameters
 * @param headers the first value of each request header, by lower-case name
 * @param body the JSON body, or {@code null} when the route takes none or none was sent
 */
public record ApiCall(Caller caller, Map<String, String> params, Map<String, String[]> query,
        Map<String, String> headers, JsonNode body) {

    public ApiCall {
        params = Map.copyOf(params);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A call without headers. */
    public ApiCall(Caller caller, Map<String, String> params, Map<String, String[]> query, JsonNode body) {
        this(caller, params, query, Map.of(), body);
    }

    /** @return the request header {@code name} (any case), if it was sent */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
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
