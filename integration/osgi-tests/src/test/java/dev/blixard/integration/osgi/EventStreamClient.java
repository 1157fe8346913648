package dev.blixard.integration.osgi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code /api/events} over real HTTP: a thread parses the {@code text/event-stream} into events
 * (comments skipped) and queues them; the test takes them with a timeout. Close it to hang up.
 */
final class EventStreamClient implements AutoCloseable {

    /**
     * One server-sent event.
     *
     * @param id its id (the sequence), or -1 when it has none
     * @param event its event name (the topic)
     * @param data its data as JSON
     */
    record Sse(long id, String event, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String contentType;
    private final InputStream body;
    private final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param base for example {@code http://127.0.0.1:8080/api}
     * @param lastEventId sent as {@code Last-Event-ID} unless {@code null}
     */
    static EventStreamClient open(String base, String path, String token, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new EventStreamClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** @return the next event, or {@code null} when none came within {@code timeoutMs} */
    Sse next(long timeoutMs) throws InterruptedException {
        return events.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Sse(id, event, JSON.readTree(data.toString())));
                    }
                    id = -1;
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(6));
                }
            }
        } catch (IOException closed) {
            // The test hung up, or the node closed the stream.
        }
    }
}
