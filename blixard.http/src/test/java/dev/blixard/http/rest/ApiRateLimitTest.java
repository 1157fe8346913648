package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import dev.blixard.api.security.Role;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.limit.RateLimiter;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class ApiRateLimitTest {
    private static final Caller CLIENT = new Caller("tok-1", Role.CLIENT, "t");
    private static final Caller ADMIN = new Caller("tok-2", Role.ADMIN, null);

    private final AtomicLong now = new AtomicLong();

    @Test
    public void overTheLimitIs429WithRetryAfterInWholeSeconds() {
        ApiRateLimit limit = new ApiRateLimit(new RateLimiter(0.5, 1, now::get), false);
        limit.check(CLIENT);
        HttpProblem problem = refused(() -> limit.check(CLIENT));
        assertEquals(ProblemKind.TOO_MANY_REQUESTS, problem.kind());
        assertEquals(429, problem.kind().status());
        assertEquals("2", problem.headers().get("Retry-After"));
        now.addAndGet(Duration.ofMillis(1990).toNanos());
        assertEquals("a wait under a second is rounded up", "1", refused(() -> limit.check(CLIENT)).headers().get("Retry-After"));
        now.addAndGet(Duration.ofMillis(10).toNanos());
        limit.check(CLIENT);
    }

    @Test
    public void adminsAreExemptUnlessConfigured() {
        ApiRateLimit exempt = new ApiRateLimit(new RateLimiter(1, 1, now::get), false);
        for (int i = 0; i < 100; i++) {
            exempt.check(ADMIN);
        }
        ApiRateLimit strict = new ApiRateLimit(new RateLimiter(1, 1, now::get), true);
        strict.check(ADMIN);
        assertEquals(ProblemKind.TOO_MANY_REQUESTS, refused(() -> strict.check(ADMIN)).kind());
    }

    private static HttpProblem refused(Runnable check) {
        try {
            check.run();
        } catch (HttpProblem problem) {
            return problem;
        }
        fail("not refused");
        return null;
    }
}
