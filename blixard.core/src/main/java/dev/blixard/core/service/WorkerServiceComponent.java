package dev.blixard.core.service;

import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.service.WorkerService;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.store.Consistency;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link WorkerService} over the node's queue. */
@Component
public final class WorkerServiceComponent implements WorkerService {
    private final JobQueue queue;

    @Activate
    public WorkerServiceComponent(@Reference QueueComponent queue) {
        this(queue.queue());
    }

    /** Over the queue; a factory, not a constructor, so that DS sees only the constructor it activates. */
    private WorkerServiceComponent(JobQueue queue) {
        this.queue = queue;
    }

    /** @return the service over a queue opened without OSGi (tests, the benchmark) */
    public static WorkerServiceComponent over(JobQueue queue) {
        return new WorkerServiceComponent(queue);
    }

    @Override
    public Worker register(WorkerRegistration registration) {
        return queue.workers().register(registration);
    }

    @Override
    public HeartbeatResponse heartbeat(String workerId) {
        return queue.workers().heartbeat(workerId);
    }

    @Override
    public Worker drain(String workerId) {
        return queue.workers().drain(workerId);
    }

    @Override
    public void deregister(String workerId) {
        queue.workers().deregister(workerId);
    }

    @Override
    public Optional<Worker> get(String workerId) {
        return queue.workers().get(workerId, Consistency.LOCAL);
    }

    @Override
    public List<Worker> list() {
        return queue.workers().list();
    }
}
