package dev.blixard.core.service;

import dev.blixard.api.UnavailableException;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.core.queue.Reaper;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the queue's housekeeping on the leader: every node schedules it, only the one that leads at the
 * moment proposes (with its clock), so a new leader takes over within one period.
 */
@Component(immediate = true)
public final class LeaseReaperComponent {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaperComponent.class);

    private final JobQueue queue;
    private final ScheduledExecutorService timer;

    @Activate
    public LeaseReaperComponent(@Reference QueueComponent component) {
        this.queue = component.queue();
        long period = queue.context().settings().reaperPeriod().toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blixard-lease-reaper-" + queue.context().nodeId());
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pass, period, period, TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            if (!queue.isLeader()) {
                return;
            }
            Reaper.Outcome outcome = queue.reaper().pass();
            if (outcome.expiredLeases() > 0 || outcome.lostWorkers() > 0) {
                LOG.info("Node {}: {} lapsed leases taken back, {} workers marked lost", queue.context().nodeId(),
                        outcome.expiredLeases(), outcome.lostWorkers());
            }
        } catch (UnavailableException e) {
            LOG.debug("Node {}: housekeeping skipped, no leader: {}", queue.context().nodeId(), e.getMessage());
        } catch (RuntimeException e) {
            // Never let one bad pass end the schedule: the next pass tries again.
            LOG.warn("Node {}: housekeeping pass failed: {}", queue.context().nodeId(), e.toString(), e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Node {}: the lease reaper did not stop within 10 s", queue.context().nodeId());
        }
    }
}
