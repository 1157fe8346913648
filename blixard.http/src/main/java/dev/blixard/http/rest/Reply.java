package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A handler's answer: a status and a JSON body now (or no body, 204), a stage that completes with one later
 * (a long-poll claim), answered without holding a request thread while it waits, or a stream the route
 * writes itself (server-sent events).
 */
public final class Reply {
    private static final Runnable NOTHING = () -> { };

    private final int status;
    private final JsonNode body;
    private final CompletionStage<Reply> later;
    private final Duration longestWait;
    private final Runnable undelivered;
    private final StreamOpener stream;

    private Reply(int status, JsonNode body, CompletionStage<Reply> later, Duration longestWait, Runnable undelivered) {
        this(status, body, later, longestWait, undelivered, null);
    }

    private Reply(int status, JsonNode body, CompletionStage<Reply> later, Duration longestWait, Runnable undelivered,
            StreamOpener stream) {
        this.status = status;
        this.body = body;
        this.later = later;
        this.longestWait = longestWait;
        this.undelivered = undelivered;
        this.stream = stream;
    }

    public static Reply ok(JsonNode body) {
        return status(200, body);
    }

    public static Reply created(JsonNode body) {
        return status(201, body);
    }

    public static Reply status(int status, JsonNode body) {
        return new Reply(status, Objects.requireNonNull(body, "body"), null, null, NOTHING);
    }

    /** @return 204, no body */
    public static Reply noContent() {
        return new Reply(204, null, null, null, NOTHING);
    }

    /** @return a reply that {@code opener} writes as a stream */
    public static Reply stream(StreamOpener opener) {
        return new Reply(0, null, null, null, NOTHING, Objects.requireNonNull(opener, "opener"));
    }

    /**
     * @param later completes with the reply, or exceptionally with the failure to answer
     * @param longestWait how long it may take at most; after that the request is answered with a 503
     */
    public static Reply later(CompletionStage<Reply> later, Duration longestWait) {
        return new Reply(0, null, Objects.requireNonNull(later, "later"), Objects.requireNonNull(longestWait, "wait"),
                NOTHING);
    }

    /**
     * @param undelivered what to do when this reply cannot reach the caller (it hung up, or the wait timed out
     *        first), for example give claimed jobs back
     * @return a copy that does it
     */
    public Reply onUndelivered(Runnable undelivered) {
        return new Reply(status, body, later, longestWait, Objects.requireNonNull(undelivered, "undelivered"));
    }

    public boolean isLater() {
        return later != null;
    }

    public boolean isStream() {
        return stream != null;
    }

    /** @return what writes the stream, for a {@link #stream} reply */
    public StreamOpener stream() {
        return stream;
    }

    public int status() {
        return status;
    }

    /** @return the JSON body, {@code null} for 204 and for later and stream replies */
    public JsonNode body() {
        return body;
    }

    public CompletionStage<Reply> later() {
        return later;
    }

    public Duration longestWait() {
        return longestWait;
    }

    /** Runs the undelivered action; called at most once, by the dispatcher. */
    public void undelivered() {
        undelivered.run();
    }
}
