package dev.blixard.http.events;

import java.io.IOException;

/**
 * The client end of one event stream, written without blocking: frames are written only while
 * {@link #isReady()}; when it says no, the connection calls its stream back once writing is possible again.
 * Calls are never concurrent (the stream holds its lock around them).
 */
interface SseConnection {

    /** @return whether a write or flush may be made now without blocking */
    boolean isReady();

    void write(byte[] frame) throws IOException;

    void flush() throws IOException;

    /** Ends the response; may be called more than once. */
    void close();
}
