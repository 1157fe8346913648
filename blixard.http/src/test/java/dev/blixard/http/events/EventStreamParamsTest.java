package dev.blixard.http.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.security.Role;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Test;

public class EventStreamParamsTest {
    private static final Caller ADMIN = new Caller("a", Role.ADMIN, null);
    private static final Caller WORKER = new Caller("w", Role.WORKER, null);
    private static final Caller CLIENT = new Caller("c", Role.CLIENT, "t");

    @Test
    public void everythingByDefaultForAdminsAndWorkers() {
        assertEquals(new EventFilter(true, true, null), read(ADMIN, Map.of(), null).filter());
        assertEquals(new EventFilter(true, true, null), read(WORKER, Map.of(), null).filter());
        assertEquals(OptionalLong.empty(), read(ADMIN, Map.of(), null).resumeAfter());
    }

    @Test
    public void clientsFollowTheJobsOfTheirTenant() {
        assertEquals(new EventFilter(true, false, "t"), read(CLIENT, Map.of(), null).filter());
        assertEquals(new EventFilter(true, false, JobSubmission.DEFAULT_TENANT),
                read(new Caller("c", Role.CLIENT, null), Map.of(), null).filter());
        assertEquals(ProblemKind.FORBIDDEN, problem(CLIENT, Map.of("topics", new String[] {"worker"}), null).kind());
    }

    @Test
    public void topicsNarrowTheStream() {
        assertEquals(new EventFilter(false, true, null), read(ADMIN, Map.of("topics", new String[] {"worker"}), null).filter());
        assertEquals(new EventFilter(true, true, null),
                read(ADMIN, Map.of("topics", new String[] {"job,worker"}), null).filter());
        assertEquals(ProblemKind.BAD_REQUEST, problem(ADMIN, Map.of("topics", new String[] {"jobs"}), null).kind());
    }

    @Test
    public void lastEventIdWinsOverAfter() {
        assertEquals(OptionalLong.of(7), read(ADMIN, Map.of("after", new String[] {"7"}), null).resumeAfter());
        assertEquals(OptionalLong.of(9), read(ADMIN, Map.of("after", new String[] {"7"}), "9").resumeAfter());
        assertEquals(OptionalLong.of(0), read(ADMIN, Map.of(), "0").resumeAfter());
    }

    @Test
    public void badResumePointsAndUnknownParametersAre400() {
        assertEquals(ProblemKind.BAD_REQUEST, problem(ADMIN, Map.of(), "abc").kind());
        assertEquals(ProblemKind.BAD_REQUEST, problem(ADMIN, Map.of("after", new String[] {"-1"}), null).kind());
        HttpProblem unknown = problem(ADMIN, Map.of("since", new String[] {"1"}), null);
        assertEquals("since", unknown.violations().get(0).field());
    }

    private static EventStreamParams read(Caller caller, Map<String, String[]> query, String lastEventId) {
        return EventStreamParams.read(caller, query, Optional.ofNullable(lastEventId));
    }

    private static HttpProblem problem(Caller caller, Map<String, String[]> query, String lastEventId) {
        try {
            read(caller, query, lastEventId);
        } catch (HttpProblem problem) {
            return problem;
        }
        fail("accepted");
        return null;
    }
}
