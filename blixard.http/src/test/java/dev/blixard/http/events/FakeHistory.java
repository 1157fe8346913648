package dev.blixard.http.events;

import dev.blixard.api.event.EventHistory;
import dev.blixard.api.event.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * An event history in a list, thread-safe; a hook runs inside each read after the page is taken (and outside
 * the lock), the way a live event can arrive while a stream reads.
 */
final class FakeHistory implements EventHistory {
    private final List<RecordedEvent> events = new ArrayList<>();
    private volatile LongConsumer duringRead = from -> { };
    private volatile RuntimeException failure;
    private int reads;

    synchronized void append(RecordedEvent event) {
        events.add(event);
    }

    /** Forgets the events up to {@code sequence}, as core's retention does. */
    synchronized void trimTo(long sequence) {
        events.removeIf(event -> event.sequence() <= sequence);
    }

    void duringRead(LongConsumer hook) {
        this.duringRead = hook;
    }

    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    synchronized int reads() {
        return reads;
    }

    @Override
    public List<RecordedEvent> after(long sequence, int limit) {
        if (failure != null) {
            throw failure;
        }
        List<RecordedEvent> page = new ArrayList<>();
        synchronized (this) {
            reads++;
            for (RecordedEvent event : events) {
                if (event.sequence() > sequence && page.size() < limit) {
                    page.add(event);
                }
            }
        }
        duringRead.accept(sequence);
        return page;
    }

    @Override
    public synchronized long latestSequence() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
    }

    @Override
    public synchronized long oldestSequence() {
        return events.isEmpty() ? 0 : events.get(0).sequence();
    }
}
