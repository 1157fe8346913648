package dev.blixard.http.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.security.Role;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

public class AccessTest {
    private static final Caller ADMIN = new Caller("admin", Role.ADMIN, null);
    private static final Caller WORKER = new Caller("worker", Role.WORKER, null);
    private static final Caller CLIENT_T = new Caller("client", Role.CLIENT, "t");
    private static final Caller CLIENT_NO_TENANT = new Caller("anonymous tenant", Role.CLIENT, null);

    @Test
    public void adminsMayCallEveryRouteOthersOnlyTheirs() {
        Access.checkRole(ADMIN, Set.of());
        Access.checkRole(CLIENT_T, Set.of(Role.CLIENT));
        forbidden(() -> Access.checkRole(WORKER, Set.of(Role.CLIENT)));
        forbidden(() -> Access.checkRole(CLIENT_T, Set.of()));
    }

    @Test
    public void aClientSubmitsInItsOwnTenant() {
        assertEquals("t", Access.submissionTenant(CLIENT_T, null));
        assertEquals("t", Access.submissionTenant(CLIENT_T, "t"));
        forbidden(() -> Access.submissionTenant(CLIENT_T, "u"));
        assertEquals(JobSubmission.DEFAULT_TENANT, Access.submissionTenant(CLIENT_NO_TENANT, null));
    }

    @Test
    public void unscopedCallersSubmitWhereTheySay() {
        assertEquals("u", Access.submissionTenant(ADMIN, "u"));
        assertNull(Access.submissionTenant(ADMIN, null));
        assertEquals("bound", Access.submissionTenant(new Caller("a", Role.ADMIN, "bound"), null));
    }

    @Test
    public void aClientListsOnlyItsTenant() {
        assertEquals(Optional.of("t"), Access.listingTenant(CLIENT_T, null));
        forbidden(() -> Access.listingTenant(CLIENT_T, "u"));
        assertEquals(Optional.empty(), Access.listingTenant(ADMIN, null));
        assertEquals(Optional.of("u"), Access.listingTenant(ADMIN, "u"));
    }

    @Test
    public void aClientSeesOnlyJobsOfItsTenant() {
        Job ofT = job("t");
        Access.checkJob(CLIENT_T, ofT);
        Access.checkJob(ADMIN, ofT);
        forbidden(() -> Access.checkJob(CLIENT_T, job("u")));
    }

    private static Job job(String tenant) {
        return Job.builder("j-1", JobSubmission.builder("{}").tenant(tenant).build(), Instant.EPOCH).build();
    }

    private static void forbidden(Runnable call) {
        try {
            call.run();
            fail("allowed");
        } catch (HttpProblem problem) {
            assertEquals(ProblemKind.FORBIDDEN, problem.kind());
        }
    }
}
