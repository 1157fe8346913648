package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.job.Resources;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Workers on the wire: the registration body ({@code worker_id}, {@code worker_types}, {@code capacity},
 * {@code resources}, {@code labels}), a worker with its live state, and a heartbeat's answer.
 */
public final class WorkerJson {

    private WorkerJson() {
    }

    /** @throws dev.blixard.api.InvalidRequestException naming every invalid field */
    public static WorkerRegistration readRegistration(FieldReader in) {
        String workerId = in.text("worker_id");
        List<String> workerTypes = in.texts("worker_types");
        Integer capacity = in.integer("capacity");
        Supplier<Resources> resources = ResourcesJson.read(in, "resources");
        Map<String, String> labels = in.textMap("labels");
        in.finish();
        WorkerRegistration.Builder registration = WorkerRegistration.builder(workerId);
        Given.set(workerTypes, registration::workerTypes);
        Given.set(capacity, registration::capacity);
        Given.set(resources, amounts -> registration.resources(amounts.get()));
        Given.set(labels, registration::labels);
        return registration.build();
    }

    public static ObjectNode write(Worker worker) {
        WorkerRegistration registration = worker.registration();
        ObjectNode node = JsonCodec.object();
        node.put("worker_id", worker.id());
        node.put("status", WireNames.of(worker.status()));
        node.set("worker_types", JsonOut.texts(registration.workerTypes()));
        node.put("capacity", registration.capacity());
        node.put("free_slots", worker.freeSlots());
        node.set("resources", ResourcesJson.write(registration.resources()));
        node.set("labels", JsonOut.textMap(registration.labels()));
        node.set("running_jobs", JsonOut.texts(worker.runningJobs()));
        JsonOut.text(node, "node_id", worker.node());
        JsonOut.instant(node, "registered_at", worker.registeredAt());
        JsonOut.instant(node, "last_heartbeat_at", worker.lastHeartbeatAt());
        return node;
    }

    /** @return {@code {"workers": [...]}} */
    public static ObjectNode writeAll(List<Worker> workers) {
        ObjectNode node = JsonCodec.object();
        ArrayNode array = node.putArray("workers");
        workers.forEach(worker -> array.add(write(worker)));
        return node;
    }

    /** @return {@code {"cancel": [...], "lease_expires_at": ...}} */
    public static ObjectNode write(HeartbeatResponse heartbeat) {
        ObjectNode node = JsonCodec.object();
        node.set("cancel", JsonOut.texts(heartbeat.cancel()));
        JsonOut.instant(node, "lease_expires_at", heartbeat.leaseExpiresAt());
        return node;
    }
}
