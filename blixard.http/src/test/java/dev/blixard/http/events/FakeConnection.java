package dev.blixard.http.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A client that takes frames while it is ready, and remembers them; it may be told to fail. */
final class FakeConnection implements SseConnection {
    private final StringBuilder received = new StringBuilder();
    private final Consumer<String> onFrame;
    private volatile boolean ready = true;
    private volatile boolean failing;
    private volatile boolean closed;
    private int flushes;

    FakeConnection() {
        this(frame -> { });
    }

    /** @param onFrame told of each frame written, on the writing thread */
    FakeConnection(Consumer<String> onFrame) {
        this.onFrame = onFrame;
    }

    void ready(boolean ready) {
        this.ready = ready;
    }

    void failNextWrite() {
        failing = true;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public synchronized void write(byte[] frame) throws IOException {
        if (failing) {
            throw new IOException("broken pipe");
        }
        String text = new String(frame, StandardCharsets.UTF_8);
        received.append(text);
        onFrame.accept(text);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    synchronized int flushes() {
        return flushes;
    }

    synchronized String text() {
        return received.toString();
    }

    /** @return the ids of the numbered events received, in order */
    synchronized List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        for (String line : received.toString().split("\n")) {
            if (line.startsWith("id: ")) {
                ids.add(Long.parseLong(line.substring(4)));
            }
        }
        return ids;
    }
}
