package dev.blixard.http.events;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/**
 * An event stream's connection over servlet async with non-blocking output: no thread waits on an idle or
 * slow reader. The container calls back when writing is possible again; an error, a hang-up or the end of
 * the response closes the stream.
 */
final class ServletSseConnection implements SseConnection {
    private final AsyncContext async;
    private final ServletOutputStream out;

    private ServletSseConnection(AsyncContext async, ServletOutputStream out) {
        this.async = async;
        this.out = out;
    }

    /** @return the connection of {@code async}, feeding {@code stream}'s callbacks */
    static ServletSseConnection start(AsyncContext async, EventStream stream) throws IOException {
        ServletOutputStream out = async.getResponse().getOutputStream();
        async.addListener(new Ending(stream));
        out.setWriteListener(new Writable(stream));
        return new ServletSseConnection(async, out);
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyComplete) {
            // The response had ended already (the reader hung up).
        }
    }

    /** Resumes writing when the container can take more; an output error ends the stream. */
    private static final class Writable implements WriteListener {
        private final EventStream stream;

        Writable(EventStream stream) {
            this.stream = stream;
        }

        @Override
        public void onWritePossible() {
            stream.onWritable();
        }

        @Override
        public void onError(Throwable failure) {
            stream.close();
        }
    }

    /** Ends the stream with its response, however it ends. */
    private static final class Ending implements AsyncListener {
        private final EventStream stream;

        Ending(EventStream stream) {
            this.stream = stream;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }
}
