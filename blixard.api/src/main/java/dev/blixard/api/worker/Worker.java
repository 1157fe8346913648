package dev.blixard.api.worker;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker as the node knows it: its registration and its live state. Immutable snapshot.
 *
 * @param registration what the worker declared
 * @param status whether it takes new jobs
 * @param runningJobs ids of the jobs it holds leases on
 * @param nodeId the node whose agent this worker is, or {@code null} for an external worker
 * @param registeredAt when it first registered
 * @param lastHeartbeatAt when it was last heard from
 */
public record Worker(WorkerRegistration registration, WorkerStatus status, List<String> runningJobs, String nodeId,
        Instant registeredAt, Instant lastHeartbeatAt) {

    public Worker {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(status, "status");
        runningJobs = List.copyOf(Objects.requireNonNull(runningJobs, "runningJobs"));
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(lastHeartbeatAt, "lastHeartbeatAt");
    }

    /** @return the worker's id */
    public String id() {
        return registration.workerId();
    }

    /** @return the node this worker runs in, if it is a node's own agent */
    public Optional<String> node() {
        return Optional.ofNullable(nodeId);
    }

    /** @return how many more jobs it can take now */
    public int freeSlots() {
        return Math.max(0, registration.capacity() - runningJobs.size());
    }

    /** @return whether it runs jobs of {@code workerType} */
    public boolean runs(String workerType) {
        return registration.workerTypes().isEmpty() || registration.workerTypes().contains(workerType);
    }
}
