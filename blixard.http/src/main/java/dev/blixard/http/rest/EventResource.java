package dev.blixard.http.rest;

import dev.blixard.api.security.Role;
import dev.blixard.http.events.EventStreamParams;
import dev.blixard.http.events.EventStreams;
import java.util.List;

/**
 * {@code /api/events}: server-sent events of job and worker events as they commit, resumable with
 * {@code Last-Event-ID} (clients: the job events of their tenant; workers and admins: everything). The
 * parameters are checked and the stream's service looked up before anything is written, so a refusal is an
 * ordinary problem answer.
 */
final class EventResource {
    private final NodeServices services;

    EventResource(NodeServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(Route.get("/events", this::open, Role.CLIENT, Role.WORKER));
    }

    private Reply open(ApiCall call) {
        EventStreamParams params = EventStreamParams.read(call.caller(), call.query(), call.header("Last-Event-ID"));
        EventStreams streams = services.events();
        return Reply.stream((request, response) -> streams.open(request, response, params.filter(), params.resumeAfter()));
    }
}
