package dev.blixard.http.problem;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.job.IllegalTransitionException;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobTransition;
import java.util.concurrent.CompletionException;
import org.junit.Test;

public class ProblemMappingTest {

    @Test
    public void apiExceptionsMapByType() {
        assertEquals(ProblemKind.INVALID_REQUEST, kind(new InvalidRequestException("priority", "too high")));
        assertEquals(ProblemKind.NOT_FOUND, kind(new NotFoundException("job", "j")));
        assertEquals(ProblemKind.CONFLICT, kind(new ConflictException("lease lost")));
        assertEquals(ProblemKind.CONFLICT, kind(new IllegalTransitionException(JobStatus.COMPLETED, JobTransition.CANCEL)));
        assertEquals(ProblemKind.UNAVAILABLE, kind(new UnavailableException("no leader")));
    }

    @Test
    public void asyncWrappersAreLookedThrough() {
        assertEquals(ProblemKind.CONFLICT, kind(new CompletionException(new ConflictException("draining"))));
    }

    @Test
    public void invalidRequestsKeepTheirFields() {
        HttpProblem problem = ProblemMapping.toProblem(new InvalidRequestException("priority", "too high"));
        assertEquals("priority", problem.violations().get(0).field());
        assertEquals(422, problem.kind().status());
    }

    @Test
    public void anythingElseIsA500ThatSaysNothingOfTheServer() {
        HttpProblem problem = ProblemMapping.toProblem(new IllegalStateException("secret path /var/lib/x"));
        assertEquals(ProblemKind.INTERNAL_ERROR, problem.kind());
        assertFalse(problem.detail().contains("secret"));
    }

    private static ProblemKind kind(Throwable failure) {
        return ProblemMapping.toProblem(failure).kind();
    }
}
