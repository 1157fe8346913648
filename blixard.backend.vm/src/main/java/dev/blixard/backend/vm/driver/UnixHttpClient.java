package dev.blixard.backend.vm.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A small HTTP/1.1 client over a Unix domain socket, for the REST APIs of Cloud Hypervisor and Firecracker: one
 * connection per request, JSON bodies, a deadline on the whole exchange. Only what those APIs answer is
 * understood: a status line, headers, and a body of {@code Content-Length} bytes (or none).
 */
public final class UnixHttpClient {

    /** An answer: its status code and body. */
    public record Response(int status, String body) {
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final Path socket;
    private final Duration timeout;

    public UnixHttpClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** @throws IOException when the exchange fails or the answer is not 2xx (the message has the VMM's answer) */
    public Response put(String path, String jsonBody) throws IOException {
        Response response = exchange("PUT", path, jsonBody);
        if (!response.successful()) {
            throw new IOException("PUT " + path + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    /** Sends one request and reads its answer, whatever the status. */
    public Response exchange(String method, String path, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                + (jsonBody == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            ByteBuffer request = ByteBuffer.allocate(head.length() + body.length)
                    .put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (request.hasRemaining()) {
                await(selector, deadline, method, path);
                channel.write(request);
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (true) {
                Response response = complete(received.toByteArray());
                if (response != null) {
                    return response;
                }
                await(selector, deadline, method, path);
                int read = channel.read(buffer.clear());
                if (read < 0) {
                    throw new IOException(method + " " + path + ": the VMM closed the connection before a whole answer");
                }
                received.write(buffer.array(), 0, read);
                if (received.size() > MAX_RESPONSE_BYTES) {
                    throw new IOException(method + " " + path + ": the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
                }
            }
        }
    }

    private static void await(Selector selector, long deadline, String method, String path) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new IOException(method + " " + path + ": no answer in time");
        }
        selector.selectedKeys().clear();
    }

    /** @return the response when {@code bytes} hold all of it, else null */
    static Response complete(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + lines[0]);
        }
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            } else if (line.startsWith("transfer-encoding:")) {
                throw new IOException("chunked answers are not understood: " + lines[i]);
            }
        }
        int bodyStart = headEnd + 4;
        if (bytes.length < bodyStart + length) {
            return null;
        }
        return new Response(Integer.parseInt(statusLine[1]),
                new String(bytes, bodyStart, length, StandardCharsets.UTF_8));
    }
}
