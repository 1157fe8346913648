package dev.blixard.http.auth;

import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the caller from an {@code Authorization: Bearer <token>} header, the one way every Blixard endpoint
 * ({@code /api} and {@code /metrics}) authenticates: a missing, malformed or unknown token is a 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
public final class BearerAuthentication {
    private static final String BEARER = "bearer ";

    private BearerAuthentication() {
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @return the caller its token stands for
     * @throws HttpProblem 401 when there is no valid bearer token
     */
    public static Caller caller(Authenticator authenticator, String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw unauthorized("send Authorization: Bearer <token>");
        }
        String token = authorization.substring(BEARER.length()).trim();
        Optional<Caller> caller = token.isEmpty() ? Optional.empty() : authenticator.authenticate(token);
        return caller.orElseThrow(() -> unauthorized("the bearer token is not valid"));
    }

    private static HttpProblem unauthorized(String detail) {
        return ProblemKind.UNAUTHORIZED.problem(detail).withHeader("WWW-Authenticate", "Bearer realm=\"blixard\"");
    }
}
