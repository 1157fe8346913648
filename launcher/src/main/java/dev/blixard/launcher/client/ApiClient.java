package dev.blixard.launcher.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls the node's REST API with the bearer token. A successful answer is returned; an error answer or a
 * transport failure becomes a {@link ClientException} whose message is the one line the user sees.
 */
final class ApiClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final HttpClient http;

    ApiClient(Connection connection) {
        this.connection = connection;
        // HTTP/1.1: a plain-http HTTP/2 upgrade buys nothing for one request and trips up some proxies.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** GET {@code path} with the non-null query parameters; fails unless the answer is 2xx. */
    ApiResponse get(String path, Map<String, String> query) throws ClientException {
        return succeeded(send(request(path + queryString(query)).GET()));
    }

    ApiResponse get(String path) throws ClientException {
        return get(path, Map.of());
    }

    /** GET returning any HTTP answer, for calls whose error answers carry a document (health). */
    ApiResponse getAnyStatus(String path) throws ClientException {
        return send(request(path).GET());
    }

    ApiResponse post(String path, JsonNode body) throws ClientException {
        return succeeded(send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8))));
    }

    /** POST without a body, for actions such as retry. */
    ApiResponse post(String path) throws ClientException {
        return succeeded(send(request(path).POST(HttpRequest.BodyPublishers.noBody())));
    }

    ApiResponse delete(String path) throws ClientException {
        return succeeded(send(request(path).DELETE()));
    }

    /** Escapes one path segment, e.g. a job id. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Turns an error answer into the exception that carries its one line and exit status. */
    ClientException failure(ApiResponse response) {
        ClientException failure = ProblemLine.of(response);
        if (response.status() == 401) {
            // Say which token was used: the usual cause is the wrong data dir or a stale variable.
            return new ClientException(failure.exitCode(), failure.getMessage() + " (" + connection.tokenHint() + ")");
        }
        return failure;
    }

    private ApiResponse succeeded(ApiResponse response) throws ClientException {
        if (!response.isSuccess()) {
            throw failure(response);
        }
        return response;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.baseUrl() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        connection.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private ApiResponse send(HttpRequest.Builder request) throws ClientException {
        String url = connection.baseUrl().toString();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new ClientException(ExitCode.UNAVAILABLE, "cannot reach the node at " + url
                    + " (no connection within " + CONNECT_TIMEOUT.toSeconds() + " s); check --url");
        } catch (ConnectException e) {
            throw new ClientException(ExitCode.UNAVAILABLE, "cannot reach the node at " + url
                    + " (connection refused); start one with 'blixard run' or pass --url");
        } catch (HttpTimeoutException e) {
            throw new ClientException(ExitCode.UNAVAILABLE, "the node at " + url + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new ClientException(ExitCode.UNAVAILABLE, "cannot talk to the node at " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ExitCode.FAILURE, "interrupted");
        }
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }
}
