package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.problem.HttpProblem;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** What is left of a refused request's body: dropped so the connection can go on, or the connection closed. */
public class RequestBodiesTest {
    private static final long ONE_JOB = 64;

    private final RequestBodies bodies = new RequestBodies(ONE_JOB, 4 * ONE_JOB, JsonCodec.withMaxDepth(32));

    @Test
    public void theUnreadBodyOfARefusedRequestIsDroppedAndTheConnectionKept() {
        Body body = new Body("payload", "payload".length());

        assertTrue(bodies.discardUnread(body.request()));
        assertEquals("bytes left unread", 0, body.stream.available());
    }

    @Test
    public void aBodyLargerThanOneJobIsNotReadAndTheConnectionIsClosed() {
        Body body = new Body("x".repeat((int) ONE_JOB + 1), ONE_JOB + 1);

        assertFalse(bodies.discardUnread(body.request()));
        assertEquals("bytes read for nothing", ONE_JOB + 1, body.stream.available());
    }

    @Test
    public void aBodyWithoutDeclaredLengthBeyondOneJobClosesTheConnection() {
        Body body = new Body("x".repeat(3 * (int) ONE_JOB), -1);

        assertFalse(bodies.discardUnread(body.request()));
    }

    @Test
    public void aBodyAlreadyReadToItsEndLeavesNothingToDrop() throws Exception {
        Body body = new Body("{\"a\": 1}", 8);
        HttpServletRequest request = body.request();
        bodies.read(request, BodyRule.JSON);

        assertTrue(bodies.discardUnread(request));
    }

    @Test
    public void aBodyOfDeclaredLengthIsReadWholeIntoABufferOfItsSize() throws Exception {
        Body body = new Body("{\"a\": [1, 2, 3]}", 16);

        assertEquals("{\"a\":[1,2,3]}", bodies.read(body.request(), BodyRule.JSON).toString());
        assertEquals("bytes left unread", 0, body.stream.available());
        assertEquals("largest read asked for", 16, body.largestRead);
    }

    @Test
    public void aBodyWithoutDeclaredLengthIsReadToItsEndWithinTheLimit() throws Exception {
        Body body = new Body("{\"a\": \"" + "x".repeat(40) + "\"}", -1);

        assertEquals(40, bodies.read(body.request(), BodyRule.JSON).get("a").textValue().length());
    }

    @Test
    public void aBodyWithoutDeclaredLengthBeyondTheLimitIsRefused() {
        Body body = new Body("\"" + "x".repeat((int) ONE_JOB) + "\"", -1);

        HttpProblem refused = assertThrows(HttpProblem.class, () -> bodies.read(body.request(), BodyRule.JSON));
        assertEquals(413, refused.kind().status());
    }

    /** A request whose body is {@code text}, declared {@code length} long (-1: chunked). */
    private static final class Body {
        final ByteArrayInputStream stream;
        final long length;
        final Map<String, Object> attributes = new HashMap<>();
        /** The most bytes one read asked for: the size of the reader's buffer. */
        int largestRead;

        Body(String text, long length) {
            this.stream = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            this.length = length;
        }

        HttpServletRequest request() {
            ServletInputStream input = new ServletInputStream() {
                @Override
                public int read() {
                    return stream.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int count) {
                    largestRead = Math.max(largestRead, count);
                    return stream.read(buffer, offset, count);
                }

                @Override
                public boolean isFinished() {
                    return stream.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletRequest) Proxy.newProxyInstance(RequestBodiesTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, call, args) -> {
                        switch (call.getName()) {
                            case "getContentLengthLong":
                                return length;
                            case "getContentType":
                                return "application/json";
                            case "getHeader":
                                return "Transfer-Encoding".equals(args[0]) && length < 0 ? "chunked" : null;
                            case "getInputStream":
                                return input;
                            case "getAttribute":
                                return attributes.get((String) args[0]);
                            case "setAttribute":
                                attributes.put((String) args[0], args[1]);
                                return null;
                            default:
                                throw new UnsupportedOperationException(call.getName());
                        }
                    });
        }
    }
}
