package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.UnavailableException;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.metrics.ClaimTimer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.Test;

/** The claim route times each claim once, with whether it may wait and how it ended. */
public class ClaimTimingTest {
    private static final Caller WORKER = new Caller("tok-w", Role.WORKER, null);

    private final List<String> timed = new ArrayList<>();
    private final CompletableFuture<List<Object>> claimed = new CompletableFuture<>();

    private final NodeServices services = new UnavailableServices() {
        @Override
        public JobCommandService commands() {
            return (JobCommandService) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {JobCommandService.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("claim")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return claimed;
                    });
        }

        @Override
        public ClaimTimer claimTimer() {
            return longPoll -> outcome -> timed.add(longPoll + " " + outcome.label());
        }
    };

    private Reply claim(NodeServices on, int waitMs) {
        return new RouteCalls(on).call(WORKER, "POST", "/queue/claim",
                "{\"worker_id\": \"w1\", \"worker_type\": \"mock\", \"wait_ms\": " + waitMs + "}");
    }

    @Test
    public void aClaimIsTimedWhenItIsAnswered() {
        Reply reply = claim(services, 500);
        assertTrue(reply.isLater());
        assertEquals(List.of(), timed);
        claimed.complete(List.of());
        assertEquals(List.of("true empty"), timed);
    }

    @Test
    public void aFailedClaimIsTimedAsAnError() {
        claim(services, 0);
        claimed.completeExceptionally(new UnavailableException("no leader"));
        assertEquals(List.of("false error"), timed);
    }

    @Test
    public void aClaimWithoutTheQueueIsTimedAsAnError() {
        NodeServices noQueue = new UnavailableServices() {
            @Override
            public ClaimTimer claimTimer() {
                return services.claimTimer();
            }
        };
        try {
            claim(noQueue, 0);
        } catch (UnavailableException expected) {
            assertEquals(List.of("false error"), timed);
            return;
        }
        throw new AssertionError("the claim should have been refused");
    }
}
