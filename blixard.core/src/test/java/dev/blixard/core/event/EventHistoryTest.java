package dev.blixard.core.event;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.event.EventProperties;
import dev.blixard.api.event.RecordedEvent;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.core.queue.JobQueue;
import dev.blixard.core.queue.QueueFixture;
import dev.blixard.core.service.JobCommandServiceComponent;
import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The event history over the replicated event log of a real one-member store. */
public class EventHistoryTest {
    @Rule
    public final QueueFixture fixture = new QueueFixture();
    private JobQueue queue;
    private EventHistoryComponent history;
    private JobCommandServiceComponent commands;

    @Before
    public void setUp() {
        queue = fixture.queue();
        history = EventHistoryComponent.over(queue);
        commands = JobCommandServiceComponent.over(queue);
    }

    @Test
    public void anEmptyLogHasNoSequences() {
        assertEquals(List.of(), history.after(0, 10));
        assertEquals(0, history.latestSequence());
        assertEquals(0, history.oldestSequence());
    }

    @Test
    public void eventsOfJobsComeOldestFirstWithTheirEventAdminProperties() {
        String job = commands.submit(JobSubmission.builder("{}").workerTypes("mock", "wasm").tenant("acme").build()).jobId();
        fixture.clock.advance(Duration.ofSeconds(1));
        commands.cancel(job, "no longer needed");

        List<RecordedEvent> events = history.after(0, 10);
        assertEquals(List.of("blixard/job/SUBMITTED", "blixard/job/CANCELLED"),
                events.stream().map(RecordedEvent::topic).toList());
        RecordedEvent cancelled = events.get(1);
        assertEquals(fixture.clock.instant(), cancelled.at());
        assertEquals(job, cancelled.properties().get(EventProperties.JOB_ID));
        // Submitted a second before it was cancelled: the job's time in the system is in the event.
        assertEquals(fixture.clock.millis() - 1000, cancelled.properties().get(EventProperties.JOB_CREATED_AT));
        assertEquals("Cancelled", cancelled.properties().get(EventProperties.JOB_STATUS));
        assertEquals("Pending", cancelled.properties().get(EventProperties.JOB_PREVIOUS_STATUS));
        assertEquals("acme", cancelled.properties().get(EventProperties.TENANT));
        assertEquals("no longer needed", cancelled.properties().get(EventProperties.REASON));
        assertEquals("n1", cancelled.properties().get(EventProperties.NODE_ID));
        assertEquals(cancelled.sequence(), cancelled.properties().get(EventProperties.LOG_INDEX));
        assertEquals(cancelled.at().toEpochMilli(), cancelled.properties().get(EventProperties.TIMESTAMP));
        assertArrayEquals(new String[] {"mock", "wasm"},
                (String[]) cancelled.properties().get(EventProperties.JOB_WORKER_TYPES));
        // The relay posts the properties of the same row mapping on Event Admin.
        StoredEvent row = new EventLog(queue.context().database()).after(events.get(0).sequence(), 1).get(0);
        assertEquals(row.properties("n1").keySet(), cancelled.properties().keySet());

        assertEquals(events.get(0).sequence(), history.oldestSequence());
        assertEquals(cancelled.sequence(), history.latestSequence());
        assertEquals(List.of(), history.after(history.latestSequence(), 10));
    }

    @Test
    public void aPageStartsAfterTheGivenSequenceAndHoldsAtMostTheLimit() {
        for (int i = 0; i < 5; i++) {
            commands.submit(JobSubmission.builder("{}").build());
        }
        List<RecordedEvent> all = history.after(0, 100);
        assertEquals(5, all.size());

        List<RecordedEvent> page = history.after(all.get(1).sequence(), 2);
        assertEquals(List.of(all.get(2).sequence(), all.get(3).sequence()),
                page.stream().map(RecordedEvent::sequence).toList());
        assertEquals(5, history.after(0, Integer.MAX_VALUE).size());
    }

    @Test
    public void trimmedEventsMoveTheOldestSequence() throws Exception {
        for (int i = 0; i < 3; i++) {
            commands.submit(JobSubmission.builder("{}").build());
        }
        long latest = history.latestSequence();
        // What the reaper does past the event retention.
        queue.context().database().store().write(WriteBatch.of(Statement.of("DELETE FROM events WHERE seq < ?", latest)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(latest, history.oldestSequence());
        assertEquals(List.of(latest), history.after(0, 10).stream().map(RecordedEvent::sequence).toList());
    }

    @Test
    public void aNegativeSequenceOrAnEmptyPageIsRefused() {
        assertEquals("sequence",
                assertThrows(InvalidRequestException.class, () -> history.after(-1, 10)).violations().get(0).field());
        assertEquals("limit",
                assertThrows(InvalidRequestException.class, () -> history.after(0, 0)).violations().get(0).field());
    }
}
