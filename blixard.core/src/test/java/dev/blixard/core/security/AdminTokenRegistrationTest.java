package dev.blixard.core.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.security.IssuedToken;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import dev.blixard.api.security.TokenService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/** The node's admin token, registered from the hash the launcher passes as a framework property. */
public class AdminTokenRegistrationTest {
    private static final String SECRET = "the-admin-secret-of-n1-from-admin.token";
    private static final Duration SHORT = Duration.ofMillis(10);

    @Rule
    public final TokenFixture fixture = new TokenFixture();
    @Test
    public void theComponentRegistersTheTokenOfTheFrameworkProperty() throws Exception {
        AdminTokenComponent component = new AdminTokenComponent(fixture.tokens(), fixture.database(),
                bundleContext(Map.of(AdminTokenComponent.SHA256_PROPERTY, " " + TokenSecrets.sha256Hex(SECRET) + "\n")));
        try {
            TokenInfo admin = awaitAuthenticated(SECRET);
            assertEquals("admin@n1", admin.id());
            assertEquals(Role.ADMIN, admin.role());
            assertNull("every tenant", admin.tenant());
            assertEquals("admin token of node n1", admin.description());
        } finally {
            component.deactivate();
        }
    }

    @Test
    public void withoutThePropertyNothingIsRegistered() {
        new AdminTokenComponent(fixture.tokens(), fixture.database(), bundleContext(Map.of())).deactivate();

        assertEquals(List.of(), fixture.tokens().list());
    }

    @Test
    public void registrationIsRetriedUntilTheStoreHasALeaderAndThenItsThreadEnds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        TokenService leaderlessTwice = new Delegate(fixture.tokens()) {
            @Override
            public TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description) {
                if (attempts.incrementAndGet() <= 2) {
                    throw new UnavailableException("no leader");
                }
                return super.register(id, sha256Hex, role, tenant, description);
            }
        };
        AdminTokenRegistration registration = AdminTokenRegistration.start(leaderlessTwice, "n1",
                TokenSecrets.sha256Hex(SECRET), SHORT, SHORT);
        try {
            TokenInfo admin = registration.result().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(3, attempts.get());
            assertEquals(Optional.of(admin), fixture.tokens().authenticate(SECRET));
            awaitTerminated(registration);
        } finally {
            registration.close();
        }
    }

    @Test
    public void aConflictIsNotRetried() throws Exception {
        fixture.tokens().register("admin@n1", TokenSecrets.sha256Hex("an older secret"), Role.ADMIN, null, "");
        AtomicInteger attempts = new AtomicInteger();
        TokenService counting = new Delegate(fixture.tokens()) {
            @Override
            public TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description) {
                attempts.incrementAndGet();
                return super.register(id, sha256Hex, role, tenant, description);
            }
        };
        AdminTokenRegistration registration = AdminTokenRegistration.start(counting, "n1",
                TokenSecrets.sha256Hex(SECRET), SHORT, SHORT);
        try {
            CompletableFuture<TokenInfo> result = registration.result().toCompletableFuture();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof ConflictException);
            awaitTerminated(registration);
            assertEquals(1, attempts.get());
        } finally {
            registration.close();
        }
    }

    @Test
    public void closingStopsTheRetries() throws Exception {
        TokenService leaderless = new Delegate(fixture.tokens()) {
            @Override
            public TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description) {
                throw new UnavailableException("no leader");
            }
        };
        AdminTokenRegistration registration = AdminTokenRegistration.start(leaderless, "n1",
                TokenSecrets.sha256Hex(SECRET), SHORT, SHORT);
        Thread.sleep(50);
        registration.close();

        assertTrue(registration.isTerminated());
        assertTrue(registration.result().toCompletableFuture().isCompletedExceptionally());
    }

    private TokenInfo awaitAuthenticated(String secret) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<TokenInfo> token = fixture.tokens().authenticate(secret);
            if (token.isPresent()) {
                return token.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the admin token was not registered within 10 s");
    }

    private static void awaitTerminated(AdminTokenRegistration registration) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!registration.isTerminated() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue("the registration's thread ended", registration.isTerminated());
    }

    /** A bundle context that knows only framework properties: all the component asks of it. */
    private static BundleContext bundleContext(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) arguments[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A token service that forwards to another, for tests that change one call. */
    private static class Delegate implements TokenService {
        private final TokenService target;

        Delegate(TokenService target) {
            this.target = target;
        }

        @Override
        public IssuedToken create(Role role, String tenant, String description) {
            return target.create(role, tenant, description);
        }

        @Override
        public TokenInfo register(String id, String sha256Hex, Role role, String tenant, String description) {
            return target.register(id, sha256Hex, role, tenant, description);
        }

        @Override
        public Optional<TokenInfo> authenticate(String secret) {
            return target.authenticate(secret);
        }

        @Override
        public void revoke(String id) {
            target.revoke(id);
        }

        @Override
        public List<TokenInfo> list() {
            return target.list();
        }
    }
}
