package dev.blixard.integration.osgi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 client on one raw connection that reads the answers to its requests only when asked: a caller
 * that stops reading. Its receive buffer is as small as the kernel allows, so an
 * answer larger than the node's send buffer (at most 4 MiB on Linux) cannot be written until it reads.
 */
final class UnreadConnection implements Closeable {

    private static final int SMALLEST_RECEIVE_BUFFER = 1;

    private final Socket socket;
    private final InputStream in;

    private UnreadConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    static UnreadConnection connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        // Set before connecting, so that the window the client offers stays small.
        socket.setReceiveBufferSize(SMALLEST_RECEIVE_BUFFER);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
        return new UnreadConnection(socket);
    }

    /** Sends one JSON POST; its answer is read only when {@link #read} is called. */
    void post(String path, String token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** One answer as read off the connection. */
    record RawAnswer(int status, byte[] body) {
    }

    /** Reads {@code count} answers, in order. */
    List<RawAnswer> read(int count) throws IOException {
        List<RawAnswer> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("the connection ended inside answer " + i);
            }
            answers.add(new RawAnswer(status, body));
        }
        return answers;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
