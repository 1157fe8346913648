package dev.blixard.http.events;

import dev.blixard.api.UnavailableException;
import dev.blixard.api.event.EventHistory;
import dev.blixard.api.event.JobEvent;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.api.event.WorkerEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The open {@code /api/events} streams, fed by Event Admin: core relays every committed job and worker event
 * with its {@code log.index}, and each stream takes those it shows (see {@link EventStream} for the order and
 * the handover from the history). One daemon thread reads history pages and sends heartbeats every
 * {@value #HEARTBEAT_SECONDS} s; Event Admin's thread only queues, so a slow reader never holds it up (Felix
 * Event Admin blacklists handlers that block). Deactivation closes every stream; readers resume with
 * {@code Last-Event-ID}.
 */
@Component(service = {EventHandler.class, EventStreamHub.class}, property = {
    EventConstants.EVENT_TOPIC + "=" + JobEvent.ALL_TOPICS,
    EventConstants.EVENT_TOPIC + "=" + WorkerEvent.ALL_TOPICS})
public final class EventStreamHub implements EventHandler {
    static final long HEARTBEAT_SECONDS = 15;

    private final EventHistory history;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Activate
    public EventStreamHub(@Reference EventHistory history) {
        this(history, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blixard-event-streams");
            thread.setDaemon(true);
            return thread;
        }), Clock.systemUTC(), Duration.ofSeconds(HEARTBEAT_SECONDS));
    }

    EventStreamHub(EventHistory history, ScheduledExecutorService executor, Clock clock, Duration heartbeat) {
        this.history = history;
        this.executor = executor;
        this.clock = clock;
        executor.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream on {@code request}, registered for live events before it reads the history.
     *
     * @param maxQueued the most frames waiting for a slow reader before its connection is closed
     * @throws UnavailableException before anything is written, when the hub is closing or the history fails
     */
    public void open(HttpServletRequest request, HttpServletResponse response, EventFilter filter,
            OptionalLong resumeAfter, int maxQueued) throws IOException {
        if (closed) {
            throw new UnavailableException("the event streams are shutting down; reconnect");
        }
        EventStream stream = new EventStream(filter, history, executor, maxQueued, streams::remove);
        streams.add(stream);
        try {
            stream.resumeAfter(resumeAfter);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        stream.attach(ServletSseConnection.start(async, stream));
        if (closed) {
            stream.close();
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (streams.isEmpty()) {
            return; // the common case: nobody is watching, and every job's every change passes here
        }
        RecordedEvent recorded = LiveEvents.toRecord(event, clock);
        if (recorded != null) {
            streams.forEach(stream -> stream.offerLive(recorded));
        }
    }

    /** @return how many streams are open */
    public int openStreams() {
        return streams.size();
    }

    void heartbeat() {
        streams.forEach(EventStream::heartbeat);
    }

    @Deactivate
    void deactivate() {
        closed = true;
        streams.forEach(EventStream::close);
        executor.shutdownNow();
    }
}
