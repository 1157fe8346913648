package dev.blixard.integration.osgi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Calls the node's REST API over real HTTP and reads the JSON answers. */
final class RestClient {

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type header, or an empty string
     * @param json the body as JSON ({@link MissingNode} when it is not JSON)
     */
    record Answer(int status, String contentType, JsonNode json) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + json;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    RestClient(String host, String port) {
        this.base = "http://" + host + ":" + port + "/api";
    }

    /** @return the API's base address, for example {@code http://127.0.0.1:8080/api} */
    String base() {
        return base;
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    Answer post(String path, String token, String json) throws IOException, InterruptedException {
        return post(path, token, "application/json", json);
    }

    Answer post(String path, String token, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, token);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request);
    }

    Answer method(String method, String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json;
        try {
            json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = MissingNode.getInstance();
        }
        return new Answer(response.statusCode(), type, json);
    }
}
