package dev.blixard.http.rest;

import dev.blixard.api.security.Role;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.limit.RateLimiter;
import dev.blixard.http.problem.ProblemKind;
import java.time.Duration;

/**
 * The REST API's request limit per bearer token (its id), checked right after authentication: over the
 * limit is a 429 with {@code Retry-After} in whole seconds. Admin tokens are exempt unless configured
 * otherwise, so that an operator can always reach a node that is being flooded, for example to revoke the
 * token doing it.
 */
final class ApiRateLimit {
    private final RateLimiter limiter;
    private final boolean limitAdmins;

    ApiRateLimit(RateLimiter limiter, boolean limitAdmins) {
        this.limiter = limiter;
        this.limitAdmins = limitAdmins;
    }

    static ApiRateLimit of(RestApiConfig config) {
        return new ApiRateLimit(new RateLimiter(config.rate_limit_per_second(), config.rate_limit_burst(),
                System::nanoTime), config.rate_limit_admins());
    }

    /** @throws dev.blixard.http.problem.HttpProblem 429 when the caller's token is over its limit */
    void check(Caller caller) {
        if (caller.role() == Role.ADMIN && !limitAdmins) {
            return;
        }
        Duration wait = limiter.acquire(caller.subject());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw ProblemKind.TOO_MANY_REQUESTS.problem("this token made too many requests; retry in " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
    }
}
