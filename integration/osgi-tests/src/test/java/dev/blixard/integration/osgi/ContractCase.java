package dev.blixard.integration.osgi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request the contract says must be refused, and how: its status (a 4xx) and the headers the answer must
 * carry. Built by {@link BadInputs} and sent by {@link ContractHttp}.
 *
 * @param name what the case tries, for failure messages
 * @param method the HTTP method
 * @param path the path under {@code /api}, with its query
 * @param authorization the {@code Authorization} header, or {@code null} for none
 * @param contentType the {@code Content-Type} header, or {@code null} for none
 * @param headers further request headers
 * @param body the body, or {@code null} for none
 * @param status the status the answer must have
 * @param expectedHeaders headers the answer must carry, with their exact values
 */
record ContractCase(String name, String method, String path, String authorization, String contentType,
        Map<String, String> headers, Body body, int status, Map<String, String> expectedHeaders) {

    static final String JSON = "application/json";

    /**
     * A request body: given bytes, or JSON text of {@code size} bytes generated as it is sent chunked, or only
     * declared by {@code Content-Length} and never sent (so that both of the server's size checks are reached
     * without holding the body in memory).
     *
     * @param bytes the body, or {@code null} when it is generated
     * @param size the generated body's size
     * @param declareLength whether the body is only declared, not sent
     */
    record Body(byte[] bytes, long size, boolean declareLength) {

        static Body json(String text) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), 0, false);
        }

        static Body generated(long size, boolean declareLength) {
            return new Body(null, size, declareLength);
        }
    }

    /** @return a case with a bearer token and a JSON body (or none when {@code json} is null) */
    static ContractCase json(String name, String method, String path, String token, String json, int status) {
        return new ContractCase(name, method, path, bearer(token), json == null ? null : JSON, Map.of(),
                json == null ? null : Body.json(json), status, Map.of());
    }

    /** @return this case, expecting the answer to carry {@code header} with {@code value} */
    ContractCase expecting(String header, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(expectedHeaders);
        more.put(header, value);
        return new ContractCase(name, method, path, authorization, contentType, headers, body, status, more);
    }

    static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    @Override
    public String toString() {
        return name + " (" + method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
                + ", expects " + status + ")";
    }
}
