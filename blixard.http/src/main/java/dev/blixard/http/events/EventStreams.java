package dev.blixard.http.events;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;

/** Opens event streams on requests that are already authenticated and authorised. */
@FunctionalInterface
public interface EventStreams {

    /**
     * Answers {@code request} with a {@code text/event-stream} that stays open (servlet async) and returns.
     *
     * @param resumeAfter the last sequence the reader has seen, empty to start with the next new event
     * @throws dev.blixard.api.UnavailableException before anything is written, when the history cannot be read
     */
    void open(HttpServletRequest request, HttpServletResponse response, EventFilter filter, OptionalLong resumeAfter)
            throws IOException;
}
