package dev.blixard.core.event;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.event.EventHistory;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.core.service.QueueComponent;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link EventHistory} over the replicated event log, read from this node's replica. Each event carries the
 * same properties as the one {@link EventRelayComponent} posts on Event Admin (both map rows with
 * {@link StoredEvent#properties(String)}), so a client that resumes from the history sees what a live
 * subscriber saw.
 */
@Component(service = EventHistory.class)
public final class EventHistoryComponent implements EventHistory {
    /** The most events one call returns, however many are asked for: a page, not the whole log. */
    static final int MAX_LIMIT = 1000;

    private final EventLog log;
    private final String nodeId;

    @Activate
    public EventHistoryComponent(@Reference QueueComponent queue) {
        this(queue.queue());
    }

    /** Over the queue; a factory, not a constructor, so that DS sees only the constructor it activates. */
    private EventHistoryComponent(JobQueue queue) {
        this.log = new EventLog(queue.context().database());
        this.nodeId = queue.context().nodeId();
    }

    /** @return the history of a queue opened without OSGi (tests) */
    public static EventHistoryComponent over(JobQueue queue) {
        return new EventHistoryComponent(queue);
    }

    @Override
    public List<RecordedEvent> after(long sequence, int limit) {
        if (sequence < 0) {
            throw new InvalidRequestException("sequence", sequence + " is negative; 0 reads from the oldest event kept");
        }
        if (limit < 1) {
            throw new InvalidRequestException("limit", limit + " is less than 1");
        }
        return log.after(sequence, Math.min(limit, MAX_LIMIT)).stream().map(event -> event.recorded(nodeId)).toList();
    }

    @Override
    public long latestSequence() {
        return log.head();
    }

    @Override
    public long oldestSequence() {
        return log.tail();
    }
}
