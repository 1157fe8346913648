package dev.blixard.integration.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Sends one request exactly as a {@link ContractCase} describes it (any method, any {@code Authorization}
 * header, any content type, a body of bytes, a generated stream of a given size, or only a declared length
 * through {@link DeclaredLengthRequest}) and keeps the whole answer,
 * headers included, so that contract tests can check what {@link RestClient} does not show.
 */
final class ContractHttp {

    /**
     * One answer.
     *
     * @param status the HTTP status, -1 when the exchange failed
     * @param headers the response headers
     * @param body the body as text
     * @param json the body as JSON ({@link MissingNode} when it is not JSON)
     */
    record Response(int status, HttpHeaders headers, String body, JsonNode json) {

        /** @return the first value of the header, or an empty string */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        @Override
        public String toString() {
            String shown = body.length() > 400 ? body.substring(0, 400) + "…" : body;
            return status + " " + header("Content-Type") + " " + shown;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ANSWER_TIMEOUT_S = 20;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base the API's base address, for example {@code http://127.0.0.1:8080/api} */
    ContractHttp(String base) {
        this.base = base;
    }

    /**
     * Sends the case's request; an exchange that fails (say, a connection the server closed) or gets no answer
     * in time is answered -1, with the reason as its body. A request that met a pooled connection the server had
     * just closed (it may close one after refusing a body it did not read) is sent once more, as clients do.
     */
    Response send(ContractCase request) throws InterruptedException {
        if (request.body() != null && request.body().declareLength()) {
            return declaredOnly(request);
        }
        Response response = exchange(request);
        return response.status() == -1 && response.body().contains("IOException") ? exchange(request) : response;
    }

    private Response exchange(ContractCase request) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(Duration.ofSeconds(ANSWER_TIMEOUT_S))
                .method(request.method(), publisher(request.body()));
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
        try {
            // A hard deadline of our own: the client's timeout does not cover every stage of an exchange.
            HttpResponse<String> response = exchange.get(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
            return new Response(response.statusCode(), response.headers(), response.body(), json(response.body()));
        } catch (ExecutionException e) {
            return failed(e.getCause().toString());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed("no answer within " + ANSWER_TIMEOUT_S + " s");
        }
    }

    /** Sends the head of a request whose declared body is never sent: the server must answer from its length. */
    private Response declaredOnly(ContractCase request) {
        try {
            DeclaredLengthRequest.Answer answer = DeclaredLengthRequest.send(URI.create(base + request.path()),
                    request.method(), request.authorization(), request.contentType(), request.body().size());
            return new Response(answer.status(), HttpHeaders.of(answer.headers(), (name, value) -> true),
                    answer.body(), json(answer.body()));
        } catch (IOException | RuntimeException e) {
            return failed(e.toString());
        }
    }

    private static Response failed(String why) {
        return new Response(-1, HttpHeaders.of(Map.of(), (name, value) -> true), why, MissingNode.getInstance());
    }

    private static HttpRequest.BodyPublisher publisher(ContractCase.Body body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (body.bytes() != null) {
            return HttpRequest.BodyPublishers.ofByteArray(body.bytes());
        }
        // Of unknown length to the client: sent chunked, so the server has to count what it reads.
        return HttpRequest.BodyPublishers.ofInputStream(() -> filler(body.size()));
    }

    /** @return a JSON text of {@code size} bytes, {@code {"payload": "xxx…"}}, made as it is read */
    private static InputStream filler(long size) {
        byte[] head = "{\"payload\": \"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long at = position++;
                if (at < head.length) {
                    return head[(int) at];
                }
                return at == size - 2 ? '"' : at == size - 1 ? '}' : 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) read();
                }
                return count;
            }
        };
    }

    private static JsonNode json(String body) {
        try {
            return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
