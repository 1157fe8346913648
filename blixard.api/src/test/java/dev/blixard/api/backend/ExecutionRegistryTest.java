package dev.blixard.api.backend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.Test;

public class ExecutionRegistryTest {
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final ExecutionRegistry<FakeExecution> registry = new ExecutionRegistry<>("fake");

    @Test
    public void findsWhatWasAddedAndNamesTheBackendForAnUnknownHandle() throws Exception {
        FakeExecution execution = new FakeExecution("e1");
        registry.add(execution);

        assertSame(execution, registry.find(execution.handle()));
        ExecutionException unknown = assertThrows(ExecutionException.class,
                () -> registry.find(new FakeExecution("e2").handle()));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("fake backend knows no execution e2 (job job-e2)"));
        assertEquals(false, unknown.retryable());
    }

    @Test
    public void completionFollowsTheExecutionsEnd() throws Exception {
        FakeExecution execution = new FakeExecution("e1");
        registry.add(execution);
        CompletableFuture<ExecutionStatus> completion = registry.completion(execution.handle()).toCompletableFuture();

        assertEquals(false, completion.isDone());
        execution.end(START.plusSeconds(1));
        assertEquals(ExecutionState.SUCCEEDED, completion.getNow(null).state());
    }

    @Test
    public void forgetsOnlyExecutionsThatEndedBeforeTheCutoffAndHandsEachOverOnce() {
        FakeExecution running = new FakeExecution("running");
        FakeExecution endedEarly = new FakeExecution("early");
        FakeExecution endedLate = new FakeExecution("late");
        List.of(running, endedEarly, endedLate).forEach(registry::add);
        endedEarly.end(START.plusSeconds(1));
        endedLate.end(START.plusSeconds(10));
        assertEquals(1, registry.running());

        List<FakeExecution> handedOver = new ArrayList<>();
        List<FakeExecution> forgotten = registry.forgetEndedBefore(START.plusSeconds(5), handedOver::add);

        assertEquals(List.of(endedEarly), forgotten);
        assertEquals(List.of(endedEarly), handedOver);
        assertEquals(2, registry.handles().size());
        assertEquals(List.of(), registry.forgetEndedBefore(START.plusSeconds(5)));
    }

    @Test
    public void executionsThatEndedLongerThanTheRetentionAgoAreForgottenAsNewOnesArrive() throws Exception {
        MutableClock clock = new MutableClock(START);
        ExecutionRegistry<FakeExecution> retaining = new ExecutionRegistry<>("fake", clock, Duration.ofMinutes(15));
        FakeExecution old = new FakeExecution("old");
        FakeExecution running = new FakeExecution("running");
        retaining.add(old);
        retaining.add(running);
        old.end(START.plusSeconds(1));

        clock.now = START.plus(Duration.ofMinutes(10));
        retaining.add(new FakeExecution("within"));
        assertEquals("ended 10 minutes ago: still known", 3, retaining.handles().size());

        clock.now = START.plus(Duration.ofMinutes(20));
        retaining.add(new FakeExecution("later"));
        assertEquals("ended 20 minutes ago: forgotten; the running one stays", 3, retaining.handles().size());
        assertThrows(ExecutionException.class, () -> retaining.find(old.handle()));
        assertSame(running, retaining.find(running.handle()));
    }

    @Test
    public void forgetRemovesAnExecutionWhateverItsState() {
        FakeExecution execution = new FakeExecution("e1");
        registry.add(execution);
        registry.forget(execution.handle());
        assertEquals(List.of(), registry.handles());
        assertEquals(0, registry.all().size());
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class FakeExecution implements TrackedExecution {
        private final ExecutionHandle handle;
        private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
        private volatile ExecutionStatus status;

        FakeExecution(String id) {
            handle = new ExecutionHandle(id, "fake", "job-" + id, 1, START);
            status = ExecutionStatus.builder(handle, ExecutionState.RUNNING).startedAt(START).build();
        }

        void end(Instant at) {
            status = ExecutionStatus.builder(handle, ExecutionState.SUCCEEDED).startedAt(START).finishedAt(at)
                    .exitCode(0).build();
            completion.complete(status);
        }

        @Override
        public ExecutionHandle handle() {
            return handle;
        }

        @Override
        public ExecutionStatus status() {
            return status;
        }

        @Override
        public CompletableFuture<ExecutionStatus> completion() {
            return completion;
        }
    }
}
