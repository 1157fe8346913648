package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a request's JSON body within its limits: 415 unless it is {@code application/json} (UTF-8), 413 when
 * it is larger than the route's limit (refused by its declared length before reading, or as soon as more
 * arrives), 400 when it is not JSON or nested too deeply. Nothing is handled before the whole body passed.
 */
public final class RequestBodies {
    /** Set on a request whose body was read to its end. */
    private static final String READ_TO_END = RequestBodies.class.getName() + ".readToEnd";

    private final long maxBytes;
    private final long maxBatchBytes;
    private final JsonCodec codec;

    public RequestBodies(long maxBytes, long maxBatchBytes, JsonCodec codec) {
        this.maxBytes = maxBytes;
        this.maxBatchBytes = maxBatchBytes;
        this.codec = codec;
    }

    /** @return the body, or {@code null} when the route takes none, or takes one optionally and none came */
    public JsonNode read(HttpServletRequest request, BodyRule rule) throws IOException {
        if (rule == BodyRule.NONE || (rule == BodyRule.OPTIONAL_JSON && !hasBody(request))) {
            return null;
        }
        checkContentType(request.getContentType());
        long limit = rule == BodyRule.BATCH_JSON ? maxBatchBytes : maxBytes;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        // A declared length is read into an array of its size; readNBytes(limit + 1) would start with an 8 KiB
        // buffer for a body of fifty bytes, the largest allocation of a single submit.
        int toRead = declared >= 0 ? (int) declared : (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
        byte[] body = request.getInputStream().readNBytes(toRead);
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        request.setAttribute(READ_TO_END, Boolean.TRUE);
        return codec.parse(body);
    }

    /**
     * Reads and drops what is left of the body of a request refused before it was read (401, 403, 404, 415,
     * 429…), so that its connection can carry the client's next request. Jetty closes a connection whose request
     * body was left unread, without telling the client, and a client that sends its next request on it reads
     * the end of the stream instead of an answer. Clients often send a body after the head (the JDK's does),
     * so it may not have arrived when the request is refused.
     *
     * @return whether the connection may carry another request; {@code false} when the body is larger than
     *         one job's limit (it is not read for nothing) or could not be read: the answer then says
     *         {@code Connection: close}
     */
    public boolean discardUnread(HttpServletRequest request) {
        if (!hasBody(request) || request.getAttribute(READ_TO_END) != null) {
            return true;
        }
        if (request.getContentLengthLong() > maxBytes) {
            return false;
        }
        try {
            InputStream in = request.getInputStream();
            long left = maxBytes;
            byte[] sink = new byte[8192];
            for (int read = in.read(sink); read >= 0; read = in.read(sink)) {
                left -= read;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** @throws dev.blixard.http.problem.HttpProblem 415 unless the type is JSON in UTF-8 */
    static void checkContentType(String contentType) {
        if (contentType == null) {
            throw ProblemKind.UNSUPPORTED_MEDIA_TYPE.problem("send the body as application/json");
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].trim();
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw ProblemKind.UNSUPPORTED_MEDIA_TYPE.problem("'" + type + "' is not accepted; send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw ProblemKind.UNSUPPORTED_MEDIA_TYPE.problem("JSON must be sent in UTF-8, not " + parameter);
            }
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    private static RuntimeException tooLarge(long limit) {
        return ProblemKind.PAYLOAD_TOO_LARGE.problem("the body is larger than the " + limit + " bytes allowed here");
    }
}
