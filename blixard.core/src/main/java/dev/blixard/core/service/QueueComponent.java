package dev.blixard.core.service;

import dev.blixard.core.placement.JobPlacement;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.core.queue.QueueSettings;
import dev.blixard.core.validation.SubmissionValidation;
import dev.blixard.store.ReplicatedDatabase;
import java.time.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's queue, opened once the replicated database is there (it is registered when the store has a
 * leader). Registered under its own class, which only this bundle can see: the API's services are thin
 * components over it.
 */
@Component(service = QueueComponent.class, configurationPid = QueueComponent.PID)
@Designate(ocd = QueueConfig.class)
public final class QueueComponent {
    static final String PID = "blixard.core";
    private static final Logger LOG = LoggerFactory.getLogger(QueueComponent.class);

    private final JobQueue queue;

    @Activate
    public QueueComponent(@Reference ReplicatedDatabase database, @Reference SubmissionValidation validation,
            @Reference JobPlacement placement, QueueConfig config) {
        QueueSettings settings = new QueueSettings(Duration.ofMillis(config.write_timeout_ms()), config.candidate_slack(),
                Duration.ofMillis(config.worker_timeout_ms()),
                Duration.ofMillis(Math.max(10, Math.min(1000, config.reaper_period_ms()))), config.event_retention());
        String nodeId = database.status().nodeId();
        this.queue = JobQueue.open(database, settings, Clock.systemUTC(), nodeId, validation, placement,
                Math.max(10, config.claim_recheck_ms()));
        LOG.info("Job queue of node {} is open", nodeId);
    }

    /** @return the queue */
    public JobQueue queue() {
        return queue;
    }

    @Deactivate
    void deactivate() {
        queue.close();
    }
}
