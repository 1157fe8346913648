package dev.blixard.http.events;

import dev.blixard.api.event.EventHistory;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.http.json.EventJson;
import dev.blixard.http.json.JsonCodec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream of events, in sequence order, each at most once: first the events it missed, read from
 * the {@link EventHistory} a page at a time, then the live events Event Admin delivers.
 *
 * <p>The handover loses and repeats nothing: the stream is registered for live events before it reads the
 * history, keeps the live ones in a buffer while it replays, replays until a read finds nothing more, then
 * sends the buffered events newer than the last one replayed. A live event is always in the history already
 * (core relays events from the log after they are stored), so when the buffer overflows during a long replay
 * it is dropped and the replay simply goes on further. Live events at or below the newest sequence sent are
 * duplicates and are dropped.
 *
 * <p>Nothing blocks: frames wait in a bounded queue and are written while the connection can take them. The
 * replay reads its next page only when the queue has room for it; live events that find the queue full mean
 * a reader too slow to follow, and its connection is closed (it may resume with {@code Last-Event-ID}).
 */
final class EventStream {
    /** The topic of the event saying that trimmed events are missing from the stream. */
    static final String GAP_TOPIC = "blixard/stream/GAP";
    static final int PAGE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final JsonCodec JSON = JsonCodec.withMaxDepth(8);
    private static final byte[] HELLO = SseFrames.comment("blixard events");
    private static final byte[] KEEP_ALIVE = SseFrames.comment("keep-alive");

    private final EventFilter filter;
    private final EventHistory history;
    private final Executor executor;
    private final int maxQueued;
    private final int pageSize;
    private final Consumer<EventStream> onClosed;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final TreeMap<Long, RecordedEvent> liveBuffer = new TreeMap<>();
    private SseConnection connection;
    private long lastSequence;
    private boolean replaying = true;
    private boolean liveOverflowed;
    private boolean replayWaiting;
    private boolean unflushed;
    private boolean closed;

    /**
     * @param executor runs the replay's reads, off Event Admin's and the container's threads
     * @param maxQueued the most frames waiting for a slow reader
     * @param onClosed told once, when the stream ends
     */
    EventStream(EventFilter filter, EventHistory history, Executor executor, int maxQueued, Consumer<EventStream> onClosed) {
        this.filter = filter;
        this.history = history;
        this.executor = executor;
        this.maxQueued = Math.max(2, maxQueued);
        this.pageSize = Math.min(PAGE, this.maxQueued / 2);
        this.onClosed = onClosed;
    }

    /**
     * Sets where the stream starts: after {@code resume}, or after the newest event when there is none. Reads
     * the history, so it may throw; call it after registering for live events and before {@link #attach}.
     * A resume point older than the oldest event kept puts a {@value #GAP_TOPIC} event first.
     */
    void resumeAfter(OptionalLong resume) {
        long start = resume.isPresent() ? resume.getAsLong() : history.latestSequence();
        long oldest = resume.isPresent() ? history.oldestSequence() : 0;
        synchronized (this) {
            lastSequence = start;
            if (oldest > 0 && start + 1 < oldest) {
                queue.add(SseFrames.unnumbered(GAP_TOPIC, JSON.text(EventJson.gap(GAP_TOPIC, start, oldest))));
            }
        }
    }

    /** Starts writing to {@code client} and replaying. */
    void attach(SseConnection client) {
        boolean ok;
        synchronized (this) {
            if (!closed) {
                connection = client;
                queue.addFirst(HELLO);
            }
            ok = !closed && schedule() && pump();
        }
        if (!ok) {
            client.close();
            close();
        }
    }

    /** A live event, from Event Admin's thread. */
    void offerLive(RecordedEvent event) {
        boolean ok = true;
        synchronized (this) {
            if (closed || event.sequence() <= lastSequence) {
                return;
            }
            if (replaying) {
                if (liveBuffer.size() >= maxQueued) {
                    // Every buffered event is in the history: the replay will read them.
                    liveBuffer.clear();
                    liveOverflowed = true;
                }
                liveBuffer.put(event.sequence(), event);
                return;
            }
            lastSequence = event.sequence();
            if (filter.accepts(event)) {
                if (queue.size() >= maxQueued) {
                    LOG.debug("An event stream reader is too slow ({} events waiting); closing its stream", queue.size());
                    ok = false;
                } else {
                    queue.add(frame(event));
                    ok = pump();
                }
            }
        }
        if (!ok) {
            close();
        }
    }

    /** The connection can take more. */
    void onWritable() {
        boolean ok;
        synchronized (this) {
            ok = pump();
        }
        if (!ok) {
            close();
        }
    }

    /** Writes a comment when nothing else waits, so that proxies keep the connection and dead readers show. */
    void heartbeat() {
        boolean ok;
        synchronized (this) {
            if (closed || connection == null) {
                return;
            }
            if (queue.isEmpty()) {
                queue.add(KEEP_ALIVE);
            }
            ok = pump();
        }
        if (!ok) {
            close();
        }
    }

    /** Ends the stream and its response; the second call does nothing. */
    void close() {
        SseConnection client;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            liveBuffer.clear();
            client = connection;
        }
        onClosed.accept(this);
        if (client != null) {
            client.close();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Reads one page of the history and queues it; goes live when a read finds nothing newer. */
    void replayStep() {
        long from;
        synchronized (this) {
            if (closed || !replaying) {
                return;
            }
            from = lastSequence;
        }
        List<RecordedEvent> page;
        try {
            page = history.after(from, pageSize);
        } catch (RuntimeException e) {
            LOG.debug("An event stream could not read the history after {}: {}", from, e.toString());
            close();
            return;
        }
        boolean ok;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (RecordedEvent event : page) {
                queueNewer(event);
            }
            if (!page.isEmpty() && !hasRoom()) {
                replayWaiting = true; // pump() schedules the next page once the reader has taken enough
                ok = true;
            } else if (!page.isEmpty()) {
                ok = schedule();
            } else if (liveOverflowed) {
                liveOverflowed = false;
                liveBuffer.clear();
                ok = schedule();
            } else {
                replaying = false;
                liveBuffer.values().forEach(this::queueNewer);
                liveBuffer.clear();
                ok = true;
            }
            ok = ok && pump();
        }
        if (!ok) {
            close();
        }
    }

    private void queueNewer(RecordedEvent event) {
        if (event.sequence() > lastSequence) {
            lastSequence = event.sequence();
            if (filter.accepts(event)) {
                queue.add(frame(event));
            }
        }
    }

    /** Writes while the connection takes it; holds the lock. @return false when the connection failed */
    private boolean pump() {
        if (closed || connection == null) {
            return true;
        }
        try {
            while (connection.isReady()) {
                byte[] frame = queue.poll();
                if (frame != null) {
                    connection.write(frame);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    connection.flush();
                } else {
                    break;
                }
            }
            if (replayWaiting && hasRoom()) {
                replayWaiting = false;
                return schedule();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("An event stream's reader went away: {}", e.toString());
            return false;
        }
    }

    private boolean schedule() {
        try {
            executor.execute(this::replayStep);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean hasRoom() {
        return queue.size() + pageSize <= maxQueued;
    }

    private static byte[] frame(RecordedEvent event) {
        return SseFrames.event(event.sequence(), event.topic(), JSON.text(EventJson.write(event)));
    }
}
