package dev.blixard.api.service;

import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The registry of workers: the node's own agent and external workers in any language. A worker that
 * stops heartbeating is marked {@link dev.blixard.api.worker.WorkerStatus#LOST} and its jobs go back to
 * the queue.
 */
@ProviderType
public interface WorkerService {

    /** Registers a worker, or updates it when the id is known (a draining worker stays draining). */
    Worker register(WorkerRegistration registration);

    /**
     * Marks the worker alive and extends its leases; the same as
     * {@link JobCommandService#heartbeat(String)}, offered here for callers that only manage workers.
     */
    HeartbeatResponse heartbeat(String workerId);

    /** The worker takes no new jobs; what it holds runs to the end. */
    Worker drain(String workerId);

    /** Removes a worker; the jobs it holds go back to the queue. */
    void deregister(String workerId);

    /** @return the worker, if known */
    Optional<Worker> get(String workerId);

    /** @return every known worker, ordered by id */
    List<Worker> list();
}
