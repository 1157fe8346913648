package dev.blixard.http.rest;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request with a method and headers, and a response that keeps what is written; enough for servlet tests. */
final class FakeHttp {

    private FakeHttp() {
    }

    static HttpServletRequest request(String method, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, call, args) -> {
                    switch (call.getName()) {
                        case "getMethod":
                            return method;
                        case "getHeader":
                            return headers.get((String) args[0]);
                        case "getRequestURI":
                            return "/metrics";
                        default:
                            throw new UnsupportedOperationException(call.getName());
                    }
                });
    }

    /** What a servlet wrote. */
    static final class Response {
        int status;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Set by a servlet that writes in non-blocking mode. */
        WriteListener writeListener;
        /** While true, what was written is not flushed yet: {@code isReady()} is false, as for a slow reader. */
        boolean flushPending;
        private final Stream stream = new Stream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse proxy() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, call, args) -> {
                        switch (call.getName()) {
                            case "setStatus":
                                status = (Integer) args[0];
                                return null;
                            case "setContentType":
                                contentType = (String) args[0];
                                return null;
                            case "setHeader":
                                headers.put((String) args[0], (String) args[1]);
                                return null;
                            case "setContentLength":
                            case "reset":
                                return null;
                            case "isCommitted":
                                return false;
                            case "getOutputStream":
                                return stream;
                            default:
                                throw new UnsupportedOperationException(call.getName());
                        }
                    });
        }

        private final class Stream extends ServletOutputStream {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return !flushPending;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                writeListener = listener;
            }
        }
    }
}
