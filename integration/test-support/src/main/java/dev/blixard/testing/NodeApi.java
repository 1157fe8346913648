package dev.blixard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Small helpers on a node's REST API ({@code /api}, {@code Authorization: Bearer TOKEN}), for setting up and
 * checking what the browser shows: publish a job, read a job, create a token. Unexpected answers fail with
 * the status and body.
 */
public final class NodeApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String baseUrl;
    private final String token;

    public NodeApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** @return the same API with another bearer token */
    public NodeApi as(String otherToken) {
        return new NodeApi(baseUrl, otherToken);
    }

    /**
     * Publishes a job ({@code POST /api/queue/publish}).
     *
     * @param jobJson the request body, for example {@code {"payload": {...}, "worker_types": ["echo"]}}
     * @return the new job's id
     */
    public String publish(String jobJson) {
        return expect(201, "POST", "/api/queue/publish", jobJson).get("job_id").asText();
    }

    /** @return the job ({@code GET /api/jobs/ID}) */
    public JsonNode job(String id) {
        return getJson("/api/jobs/" + id);
    }

    /**
     * Creates a token ({@code POST /api/tokens}; the caller must be an admin).
     *
     * @param role {@code client}, {@code worker} or {@code admin}
     * @return its secret, the value for {@code Authorization: Bearer}
     */
    public String createToken(String role) {
        String body = write(Map.of("role", role, "description", "browser tests"));
        return expect(201, "POST", "/api/tokens", body).get("secret").asText();
    }

    /** @return the 200 answer of a GET as a JSON tree */
    public JsonNode getJson(String path) {
        return expect(200, "GET", path, null);
    }

    /** @return the status a call answers with (a network failure throws) */
    public int statusOf(String method, String path, String jsonBody) {
        return send(method, path, jsonBody).statusCode();
    }

    /** Sends a call with this API's token; {@code jsonBody} may be {@code null}. */
    public HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** @return the JSON text of {@code value} */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code text} parsed as a JSON tree */
    public static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private JsonNode expect(int status, String method, String path, String jsonBody) {
        HttpResponse<String> response = send(method, path, jsonBody);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", expected "
                    + status + ": " + response.body());
        }
        return read(response.body());
    }
}
