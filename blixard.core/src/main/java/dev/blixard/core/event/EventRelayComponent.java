package dev.blixard.core.event;

import dev.blixard.core.queue.ApplySignal;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.core.service.QueueComponent;
import dev.blixard.store.ApplyListener;
import dev.blixard.store.ReplicatedDatabase;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the replicated event log on Event Admin as this node applies it. Every node publishes every
 * event (each has the whole log), so a subscriber on any node sees the cluster's changes, in log order, with
 * their position ({@code log.index}) for resuming. Events of the past are not replayed on start.
 */
@Component(immediate = true)
public final class EventRelayComponent implements ApplyListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelayComponent.class);
    private static final int BATCH = 2000;
    /**
     * At most one relay per 5 ms. Each relay wakes this thread and Event Admin's, and reads the events table;
     * at one per millisecond that was over a switch of thread per submit at 1,900 single submits a second.
     * Nothing waits on an event to go on (metrics take their times from the events, not from their arrival),
     * so under load a subscriber hears of a change up to 5 ms later; an idle node relays each entry at once.
     */
    private static final long MIN_RELAY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ReplicatedDatabase database;
    private final EventLog log;
    private final String nodeId;
    private final ScheduledExecutorService thread;
    private final ApplySignal relaySignal;
    private volatile long published;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public EventRelayComponent(@Reference QueueComponent queue, @Reference ReplicatedDatabase database) {
        JobQueue jobQueue = queue.queue();
        this.database = database;
        this.nodeId = jobQueue.context().nodeId();
        this.log = new EventLog(jobQueue.context().database());
        this.published = log.head();
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "blixard-event-relay-" + nodeId);
            named.setDaemon(true);
            return named;
        });
        this.relaySignal = new ApplySignal(thread, this::relay, MIN_RELAY_INTERVAL_NANOS, System::nanoTime);
        database.addApplyListener(this);
    }

    @Override
    public void applied(long index) {
        relaySignal.signal();
    }

    private void relay() {
        try {
            List<StoredEvent> events;
            do {
                events = log.after(published, BATCH);
                EventAdmin admin = eventAdmin;
                for (StoredEvent event : events) {
                    if (admin != null) {
                        admin.postEvent(new Event(event.topic(), event.properties(nodeId)));
                    }
                    published = event.seq();
                }
            } while (events.size() == BATCH);
        } catch (RuntimeException e) {
            // The next applied index tries again from the same position: nothing is skipped.
            LOG.warn("Node {}: could not publish events after {}: {}", nodeId, published, e.toString());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        database.removeApplyListener(this);
        thread.shutdownNow();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Node {}: the event relay did not stop within 5 s", nodeId);
        }
    }
}
