package dev.blixard.http.rest;

/** Answers one route. Throws the API's exceptions or an {@link dev.blixard.http.problem.HttpProblem} to refuse. */
@FunctionalInterface
public interface Handler {
    Reply handle(ApiCall call);
}
