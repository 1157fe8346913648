package dev.blixard.http.problem;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.UnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a failure becomes an answer: the API's exceptions by their type (the services promise that a throw
 * changed nothing), the REST layer's own problems as they are, and anything else as a 500 whose detail
 * says nothing about the server's insides.
 */
public final class ProblemMapping {

    private ProblemMapping() {
    }

    /** @return the problem to answer {@code failure} with */
    public static HttpProblem toProblem(Throwable thrown) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof HttpProblem) {
            return (HttpProblem) failure;
        }
        if (failure instanceof InvalidRequestException) {
            InvalidRequestException invalid = (InvalidRequestException) failure;
            return ProblemKind.INVALID_REQUEST.problem(invalid.getMessage()).withViolations(invalid.violations());
        }
        if (failure instanceof NotFoundException) {
            return ProblemKind.NOT_FOUND.problem(failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return ProblemKind.CONFLICT.problem(failure.getMessage());
        }
        if (failure instanceof UnavailableException) {
            return ProblemKind.UNAVAILABLE.problem(failure.getMessage());
        }
        return ProblemKind.INTERNAL_ERROR.problem("the server failed to handle the request; see its log");
    }

    /** @return the failure inside the wrappers that asynchronous stages put around it */
    public static Throwable unwrap(Throwable failure) {
        Throwable inner = failure;
        while ((inner instanceof CompletionException || inner instanceof ExecutionException) && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return inner;
    }
}
