package dev.blixard.http.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.Test;

/** The handover under real threads: events committed and posted while the stream replays arrive once, in order. */
public class EventStreamConcurrencyTest {
    private static final long REPLAYED = 500;
    private static final long TOTAL = 3000;

    @Test
    public void liveEventsRacingTheReplayAreNeitherLostNorRepeated() throws Exception {
        FakeHistory history = new FakeHistory();
        for (long sequence = 1; sequence <= REPLAYED; sequence++) {
            history.append(Events.job(sequence));
        }
        CountDownLatch last = new CountDownLatch(1);
        FakeConnection client = new FakeConnection(frame -> {
            if (frame.startsWith("id: " + TOTAL + "\n")) {
                last.countDown();
            }
        });
        ExecutorService replay = Executors.newSingleThreadExecutor();
        CountDownLatch go = new CountDownLatch(1);
        Thread relay = new Thread(() -> {
            awaitQuietly(go);
            for (long sequence = REPLAYED + 1; sequence <= TOTAL; sequence++) {
                history.append(Events.job(sequence));
            }
        });
        try {
            EventStream stream = new EventStream(new EventFilter(true, true, null), history, replay, 10_000, s -> { });
            // The relay posts every committed event, in order, on its own thread (as Event Admin delivers them).
            Thread poster = new Thread(() -> {
                awaitQuietly(go);
                for (long sequence = 1; sequence <= TOTAL; sequence++) {
                    while (history.latestSequence() < sequence) {
                        Thread.onSpinWait();
                    }
                    stream.offerLive(Events.job(sequence));
                }
            });
            relay.start();
            poster.start();
            stream.resumeAfter(OptionalLong.of(0));
            stream.attach(client);
            go.countDown();
            assertTrue("the last event did not arrive: " + client.ids().size(), last.await(30, TimeUnit.SECONDS));
            relay.join();
            poster.join();
            List<Long> expected = LongStream.rangeClosed(1, TOTAL).boxed().collect(Collectors.toList());
            assertEquals(expected, client.ids());
        } finally {
            replay.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
