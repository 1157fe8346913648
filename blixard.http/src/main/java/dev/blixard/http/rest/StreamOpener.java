package dev.blixard.http.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a request with a long-lived stream it writes itself (server-sent events), after the dispatcher has
 * authenticated, routed and authorised it. It may still refuse with an {@link dev.blixard.http.problem.HttpProblem}
 * or an API exception as long as it has written nothing.
 */
@FunctionalInterface
public interface StreamOpener {

    /** Starts the stream; returns at once (servlet async), leaving the stream open. */
    void open(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
