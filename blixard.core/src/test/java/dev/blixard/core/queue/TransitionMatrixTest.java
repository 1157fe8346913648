package dev.blixard.core.queue;

import static dev.blixard.core.queue.QueueTestSupport.job;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.ConflictException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Every command from every status, through the real queue: what the API's transition table allows happens
 * (to the status the table names), everything else is a conflict that changes nothing — checked by the
 * job's row, its events and its attempt history being exactly as before. One store for the whole class:
 * each case works on a job of its own.
 */
public class TransitionMatrixTest {
    private static final String HOLDER = "holder";

    @ClassRule
    public static final QueueFixture FIXTURE = new QueueFixture();

    private QueueTestSupport queue;
    private JobQueue jobs;

    @Before
    public void setUp() {
        queue = new QueueTestSupport(FIXTURE.queue());
        jobs = FIXTURE.queue();
    }

    /** A command as the holder of the lease (or the operator, for cancel and retry) gives it. */
    private Map<JobTransition, BiFunction<String, String, Job>> commands() {
        return Map.of(
                JobTransition.START, (id, worker) -> jobs.transitions().start(id, worker),
                JobTransition.COMPLETE, (id, worker) -> jobs.transitions().complete(id, worker, new JobResult("{}")),
                JobTransition.FAIL, (id, worker) -> jobs.transitions().fail(id, worker, new JobFailure("x", false, null)),
                JobTransition.REQUEUE, (id, worker) -> jobs.transitions().release(id, worker, "giving back"),
                JobTransition.CANCEL, (id, worker) -> jobs.transitions().cancel(id, "stop"),
                JobTransition.RETRY, (id, worker) -> jobs.transitions().retry(id));
    }

    /** @return a job of its own in {@code status}, held by {@link #HOLDER} when the status is leased */
    private String jobIn(JobStatus status) {
        String type = "t" + Long.toString(System.nanoTime(), 36);
        String id = queue.submit(job(type).maxAttempts(1));
        switch (status) {
            case PENDING -> { }
            case CLAIMED -> assertEquals(1, queue.claim(HOLDER, 1, type).size());
            case IN_PROGRESS -> {
                assertEquals(1, queue.claim(HOLDER, 1, type).size());
                jobs.transitions().start(id, HOLDER);
            }
            case COMPLETED -> {
                queue.claim(HOLDER, 1, type);
                jobs.transitions().complete(id, HOLDER, new JobResult("{}"));
            }
            case FAILED -> {
                queue.claim(HOLDER, 1, type);
                jobs.transitions().fail(id, HOLDER, new JobFailure("boom", false, null));
            }
            case CANCELLED -> jobs.transitions().cancel(id, "set up");
            default -> throw new AssertionError(status);
        }
        assertEquals(status, queue.get(id).status());
        return id;
    }

    @Test
    public void everyCommandFromEveryStatusFollowsTheTable() {
        List<String> checked = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (Map.Entry<JobTransition, BiFunction<String, String, Job>> command : commands().entrySet()) {
                JobTransition transition = command.getKey();
                String id = jobIn(from);
                Job before = queue.get(id);
                List<String> eventsBefore = queue.eventsOf(id);
                // Workers may only report on what they hold: a report on a Pending job is refused even
                // where the table itself would allow the status change (FAIL from Pending is the queue's).
                boolean workerCommand = transition != JobTransition.CANCEL && transition != JobTransition.RETRY;
                boolean allowed = transition.isAllowedFrom(from) && (!workerCommand || from.isLeased());
                String what = transition + " from " + from;
                try {
                    Job after = command.getValue().apply(id, HOLDER);
                    assertTrue(what + " was allowed", allowed);
                    assertEquals(what, transition.target(), after.status());
                    assertEquals(what, eventsBefore.size() + 1, queue.eventsOf(id).size());
                } catch (ConflictException refused) {
                    assertTrue(what + " was refused: " + refused.getMessage(), !allowed);
                    assertEquals(what + " changed the job", before, queue.get(id));
                    assertEquals(what + " wrote events", eventsBefore, queue.eventsOf(id));
                }
                checked.add(what);
            }
        }
        assertEquals(JobStatus.values().length * commands().size(), checked.size());
    }

    @Test
    public void aStrangerCannotReportOnAHeldJob() {
        for (JobStatus from : List.of(JobStatus.CLAIMED, JobStatus.IN_PROGRESS)) {
            for (Map.Entry<JobTransition, BiFunction<String, String, Job>> command : commands().entrySet()) {
                if (command.getKey() == JobTransition.CANCEL || command.getKey() == JobTransition.RETRY) {
                    continue;
                }
                String id = jobIn(from);
                Job before = queue.get(id);
                try {
                    command.getValue().apply(id, "stranger");
                    fail(command.getKey() + " by a worker without the lease was accepted");
                } catch (ConflictException expected) {
                    assertTrue(expected.getMessage(), expected.getMessage().contains(HOLDER));
                }
                assertEquals(before, queue.get(id));
            }
        }
    }

    @Test
    public void cancellingARunningJobTellsItsHolderToStop() {
        String id = jobIn(JobStatus.IN_PROGRESS);
        jobs.workers().heartbeat(HOLDER); // what other cases of this class left for the holder to stop
        Job cancelled = jobs.transitions().cancel(id, "operator changed their mind");
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(dev.blixard.api.job.AttemptOutcome.CANCELLED, cancelled.attempts().get(0).outcome());
        assertEquals(List.of(id), jobs.workers().heartbeat(HOLDER).cancel());
        assertEquals("told once", List.of(), jobs.workers().heartbeat(HOLDER).cancel());
        try {
            jobs.transitions().complete(id, HOLDER, new JobResult("{}"));
            fail("a cancelled job was completed");
        } catch (ConflictException expected) {
            assertEquals(JobStatus.CANCELLED, queue.get(id).status());
        }
    }
}
