package dev.blixard.http.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.UnavailableException;
import dev.blixard.api.event.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.Test;

/** Replay, live events and the handover between them, each event once and in order; slow readers; the gap. */
public class EventStreamTest {
    private static final EventFilter EVERYTHING = new EventFilter(true, true, null);

    private final FakeHistory history = new FakeHistory();
    private final ManualExecutor executor = new ManualExecutor();
    private final FakeConnection client = new FakeConnection();
    private final List<EventStream> ended = new ArrayList<>();

    @Test
    public void replaysWhatWasMissedThenGoesLive() {
        appendJobs(1, 5);
        EventStream stream = open(EVERYTHING, OptionalLong.of(2), 100);
        assertEquals(List.of(3L, 4L, 5L), client.ids());
        assertTrue(client.text().startsWith(": blixard events\n\n"));

        live(stream, 6);
        live(stream, 5);
        live(stream, 6);
        assertEquals("duplicates are dropped", List.of(3L, 4L, 5L, 6L), client.ids());
        assertTrue(client.flushes() > 0);
    }

    @Test
    public void withoutAResumePointOnlyNewEventsCome() {
        appendJobs(1, 5);
        EventStream stream = open(EVERYTHING, OptionalLong.empty(), 100);
        assertEquals(List.of(), client.ids());
        live(stream, 6);
        assertEquals(List.of(6L), client.ids());
    }

    @Test
    public void eventsPostedWhileTheHistoryIsReadComeOnceAndInOrder() {
        appendJobs(1, 3);
        EventStream stream = fromStart(100);
        // While the first page is read, 4 and 5 commit and are posted (the page does not have them); while the
        // read that finds nothing more runs, 7 then 6 are posted (out of order).
        history.duringRead(from -> {
            if (from == 0) {
                live(stream, 4);
                live(stream, 5);
            } else if (from == 5) {
                live(stream, 7);
                live(stream, 6);
            }
        });
        attachAndRun(stream);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), client.ids());
        live(stream, 7);
        live(stream, 8);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), client.ids());
    }

    @Test
    public void aLiveBufferOverflowDuringReplayLosesNothing() {
        appendJobs(1, 3);
        EventStream stream = fromStart(4);
        history.duringRead(from -> {
            if (from == 0) {
                for (long sequence = 4; sequence <= 12; sequence++) {
                    live(stream, sequence);
                }
            }
        });
        attachAndRun(stream);
        assertEquals(LongStream.rangeClosed(1, 12).boxed().collect(Collectors.toList()), client.ids());
        assertFalse(stream.isClosed());
    }

    @Test
    public void replayWaitsForASlowReaderInsteadOfDroppingIt() {
        appendJobs(1, 30);
        client.ready(false);
        EventStream stream = open(EVERYTHING, OptionalLong.of(0), 10);
        assertTrue("the replay stops while the queue is full", executor.isIdle());
        int reads = history.reads();
        for (int round = 0; round < 20 && client.ids().size() < 30; round++) {
            client.ready(true);
            stream.onWritable();
            client.ready(false);
            executor.runAll();
        }
        assertEquals(LongStream.rangeClosed(1, 30).boxed().collect(Collectors.toList()), client.ids());
        assertTrue(history.reads() > reads);
        assertFalse(stream.isClosed());
    }

    @Test
    public void aLiveReaderTooSlowIsDisconnected() {
        EventStream stream = open(EVERYTHING, OptionalLong.empty(), 5);
        client.ready(false);
        for (long sequence = 1; sequence <= 5; sequence++) {
            live(stream, sequence);
        }
        assertFalse(stream.isClosed());
        live(stream, 6);
        assertTrue(stream.isClosed());
        assertTrue(client.isClosed());
        assertEquals(List.of(stream), ended);
        live(stream, 7);
        assertEquals(List.of(stream), ended);
    }

    @Test
    public void aResumePointOlderThanTheHistoryStartsWithAGap() {
        appendJobs(1, 12);
        history.trimTo(9);
        open(EVERYTHING, OptionalLong.of(3), 100);
        String text = client.text();
        int gap = text.indexOf("event: blixard/stream/GAP\n");
        assertTrue(text, gap > 0 && gap < text.indexOf("id: 10\n"));
        assertTrue(text, text.contains("\"after\":3,\"oldest_sequence\":10"));
        assertEquals(List.of(10L, 11L, 12L), client.ids());
    }

    @Test
    public void noGapWhenTheResumePointIsJustBeforeTheOldest() {
        appendJobs(1, 12);
        history.trimTo(9);
        open(EVERYTHING, OptionalLong.of(9), 100);
        assertFalse(client.text().contains("GAP"));
        assertEquals(List.of(10L, 11L, 12L), client.ids());
    }

    @Test
    public void aClientSeesItsTenantsJobEventsOnly() {
        history.append(Events.job(1, "t"));
        history.append(Events.job(2, "u"));
        history.append(Events.worker(3));
        history.append(Events.job(4, "t"));
        EventStream stream = open(new EventFilter(true, false, "t"), OptionalLong.of(0), 100);
        live(stream, Events.job(5, "u"));
        live(stream, Events.worker(6));
        live(stream, Events.job(7, "t"));
        assertEquals(List.of(1L, 4L, 7L), client.ids());
    }

    @Test
    public void heartbeatsOnlyWhenIdle() {
        EventStream stream = open(EVERYTHING, OptionalLong.empty(), 100);
        stream.heartbeat();
        assertTrue(client.text().endsWith(": keep-alive\n\n"));
        client.failNextWrite();
        stream.heartbeat();
        assertTrue("a dead reader shows at the heartbeat", stream.isClosed());
    }

    @Test
    public void aFailingHistoryEndsTheStream() {
        history.failWith(new UnavailableException("no leader"));
        EventStream stream = open(EVERYTHING, OptionalLong.of(0), 100);
        assertTrue(stream.isClosed());
        assertTrue(client.isClosed());
    }

    @Test
    public void closeIsIdempotentAndStopsEverything() {
        EventStream stream = open(EVERYTHING, OptionalLong.empty(), 100);
        stream.close();
        stream.close();
        assertEquals(1, ended.size());
        live(stream, 1);
        stream.heartbeat();
        assertEquals(List.of(), client.ids());
        assertFalse(client.text().contains("keep-alive"));
    }

    private EventStream open(EventFilter filter, OptionalLong resume, int maxQueued) {
        EventStream stream = new EventStream(filter, history, executor, maxQueued, ended::add);
        stream.resumeAfter(resume);
        attachAndRun(stream);
        return stream;
    }

    /** @return a stream of everything from the oldest event, not attached yet */
    private EventStream fromStart(int maxQueued) {
        EventStream stream = new EventStream(EVERYTHING, history, executor, maxQueued, ended::add);
        stream.resumeAfter(OptionalLong.of(0));
        return stream;
    }

    private void attachAndRun(EventStream stream) {
        stream.attach(client);
        executor.runAll();
    }

    private void appendJobs(long from, long to) {
        for (long sequence = from; sequence <= to; sequence++) {
            history.append(Events.job(sequence));
        }
    }

    /** Commits an event to the history, then delivers it live, as core's relay does. */
    private void live(EventStream stream, long sequence) {
        if (history.latestSequence() < sequence) {
            history.append(Events.job(sequence));
        }
        stream.offerLive(Events.job(sequence));
    }

    private void live(EventStream stream, RecordedEvent event) {
        history.append(event);
        stream.offerLive(event);
    }
}
