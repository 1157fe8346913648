package dev.blixard.integration.osgi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends only the head of a request whose {@code Content-Length} declares a body larger than the server takes,
 * over a plain socket, and reads the answer: the server must refuse it by its declared length, before reading
 * any of it. (The JDK's client cannot do this: it sends the whole body first, and on Java 17 it never returns
 * from {@code Expect: 100-continue} when the server answers with a final status at once.)
 */
final class DeclaredLengthRequest {
    private static final int READ_TIMEOUT_MS = 20_000;

    private DeclaredLengthRequest() {
    }

    /** @return the status line's code, the headers (lower-case names) and the body of the answer */
    static Answer send(URI target, String method, String authorization, String contentType, long declaredLength)
            throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            StringBuilder head = new StringBuilder(method + " " + target.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ").append(target.getHost()).append(':').append(target.getPort()).append("\r\n")
                    .append("Content-Length: ").append(declaredLength).append("\r\n")
                    .append("Connection: close\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * An answer.
     *
     * @param status the status code
     * @param headers the headers, by lower-case name
     * @param body the body as text
     */
    record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    /** Reads one answer off a connection, leaving it at the start of the next. */
    static Answer read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        if (lines.isEmpty()) {
            throw new IOException("the server closed the connection without an answer");
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (String header : lines.subList(1, lines.size())) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                    name -> new ArrayList<>()).add(header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), headers, body);
    }
}
