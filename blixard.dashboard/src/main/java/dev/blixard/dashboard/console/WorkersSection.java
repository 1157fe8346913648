package dev.blixard.dashboard.console;

import dev.blixard.api.HealthState;
import dev.blixard.api.service.WorkerService;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every worker the registry knows, one row each: the node's own agents and external workers alike, with how
 * busy they are and when they were last heard from.
 */
final class WorkersSection extends Section {

    private final WorkerService workers;

    /** @param workers the registry, or {@code null} when it is not registered */
    WorkersSection(WorkerService workers) {
        super("blixard-workers", "Workers", "The worker registry");
        this.workers = workers;
    }

    @Override
    protected void body(Html out, Instant now) {
        if (workers == null) {
            unavailable(out, "the worker service is not registered, which happens while the replicated store has "
                    + "no leader and while the node starts or stops.");
            return;
        }
        List<Worker> list = workers.list();
        if (list.isEmpty()) {
            statline(out, "No workers are registered.");
            return;
        }
        Map<WorkerStatus, Integer> counts = new EnumMap<>(WorkerStatus.class);
        list.forEach(worker -> counts.merge(worker.status(), 1, Integer::sum));
        statline(out, list.size() + (list.size() == 1 ? " worker: " : " workers: ")
                + counts.getOrDefault(WorkerStatus.ACTIVE, 0) + " active, "
                + counts.getOrDefault(WorkerStatus.DRAINING, 0) + " draining, "
                + counts.getOrDefault(WorkerStatus.LOST, 0) + " lost.");

        openTable(out, "blixard-workers-table", "Worker", "Status", "Types", "Capacity", "Free slots",
                "Running jobs", "Node", "Last heartbeat");
        for (Worker worker : list) {
            out.open("tr", "data-worker", worker.id()).element("td", worker.id());
            out.open("td");
            state(out, worker.status());
            out.close("td");
            List<String> types = worker.registration().workerTypes();
            out.element("td", types.isEmpty() ? "any" : String.join(", ", types));
            number(out, worker.registration().capacity());
            number(out, worker.freeSlots());
            number(out, worker.runningJobs().size());
            out.element("td", worker.node().orElse("external"));
            out.open("td");
            when(out, worker.lastHeartbeatAt(), now);
            out.close("td").close("tr").newline();
        }
        closeTable(out);
    }

    /** A worker's status in the colour of the health it amounts to: draining is not a fault, lost is. */
    private static void state(Html out, WorkerStatus status) {
        HealthState colour = switch (status) {
            case ACTIVE -> HealthState.UP;
            case DRAINING -> HealthState.DEGRADED;
            case LOST -> HealthState.DOWN;
        };
        badge(out, status, colour);
    }
}
