package dev.blixard.http.rest;

import dev.blixard.api.NotFoundException;
import dev.blixard.api.security.Role;
import dev.blixard.http.json.WorkerJson;
import java.util.List;

/** {@code /api/workers}: registration, heartbeats, draining (workers themselves) and listings (admins). */
final class WorkerResource {
    private final NodeServices services;

    WorkerResource(NodeServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/workers/register", BodyRule.JSON, call -> Reply.ok(WorkerJson.write(
                        services.workers().register(WorkerJson.readRegistration(call.fields())))), Role.WORKER),
                Route.post("/workers/{id}/heartbeat", BodyRule.NONE,
                        call -> Reply.ok(WorkerJson.write(services.workers().heartbeat(call.param("id")))), Role.WORKER),
                Route.post("/workers/{id}/drain", BodyRule.NONE,
                        call -> Reply.ok(WorkerJson.write(services.workers().drain(call.param("id")))), Role.WORKER),
                Route.get("/workers", call -> Reply.ok(WorkerJson.writeAll(services.workers().list()))),
                Route.get("/workers/{id}", call -> {
                    String id = call.param("id");
                    return Reply.ok(WorkerJson.write(services.workers().get(id)
                            .orElseThrow(() -> new NotFoundException("worker", id))));
                }));
    }
}
