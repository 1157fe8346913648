package dev.blixard.api.event;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The replicated event log, read from this node's replica: what a client that was away missed. Old events
 * are trimmed by the node (see the queue's retention settings), so a reader that resumes from before
 * {@link #oldestSequence()} has lost some and should say so.
 */
@ProviderType
public interface EventHistory {

    /**
     * @param sequence the last sequence the reader has seen (0 for the oldest kept)
     * @param limit the most events to return, at least 1
     * @return the events after {@code sequence}, oldest first, at most {@code limit}
     */
    List<RecordedEvent> after(long sequence, int limit);

    /** @return the sequence of the newest event, 0 when there is none */
    long latestSequence();

    /** @return the sequence of the oldest event still kept, 0 when there is none */
    long oldestSequence();
}
