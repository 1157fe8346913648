package dev.blixard.core.security;

import dev.blixard.api.BlixardException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import dev.blixard.api.security.TokenService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the node's admin token (its hash, from the launcher) as {@code admin@<node id>}, so that every
 * member of the cluster accepts it. Registration is a replicated write and needs a leader: while there is
 * none it is retried on a thread of its own, with a growing delay, until it succeeds, fails for good (the id
 * is taken by another secret, or was revoked) or {@link #close()} is called.
 */
final class AdminTokenRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenRegistration.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final TokenService tokens;
    private final String nodeId;
    private final String sha256Hex;
    private final Duration lastRetry;
    private final ScheduledExecutorService thread;
    private final CompletableFuture<TokenInfo> result = new CompletableFuture<>();
    private Duration nextRetry;
    private int failures;

    private AdminTokenRegistration(TokenService tokens, String nodeId, String sha256Hex, Duration firstRetry,
            Duration lastRetry) {
        this.tokens = tokens;
        this.nodeId = nodeId;
        this.sha256Hex = sha256Hex;
        this.nextRetry = firstRetry;
        this.lastRetry = lastRetry;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "blixard-admin-token-" + nodeId);
            named.setDaemon(true);
            return named;
        });
    }

    /** Starts registering at once, retrying with the default delays. */
    static AdminTokenRegistration start(TokenService tokens, String nodeId, String sha256Hex) {
        return start(tokens, nodeId, sha256Hex, FIRST_RETRY, LAST_RETRY);
    }

    /** Starts registering at once; retries wait {@code firstRetry}, doubling up to {@code lastRetry}. */
    static AdminTokenRegistration start(TokenService tokens, String nodeId, String sha256Hex, Duration firstRetry,
            Duration lastRetry) {
        AdminTokenRegistration registration = new AdminTokenRegistration(tokens, nodeId, sha256Hex, firstRetry, lastRetry);
        registration.thread.execute(registration::attempt);
        return registration;
    }

    /** @return the id a node's admin token has on every member */
    static String tokenId(String nodeId) {
        return "admin@" + nodeId;
    }

    /** @return completed with the token once registered, or exceptionally when registration cannot succeed */
    CompletionStage<TokenInfo> result() {
        return result;
    }

    private void attempt() {
        String id = tokenId(nodeId);
        try {
            TokenInfo token = tokens.register(id, sha256Hex, Role.ADMIN, null, "admin token of node " + nodeId);
            LOG.info("Node {}: its admin token is registered as {}, accepted by every member", nodeId, id);
            result.complete(token);
            thread.shutdown();
        } catch (UnavailableException e) {
            retryLater(e);
        } catch (BlixardException e) {
            // Conflict or invalid hash: the same request can never succeed, so it is not repeated.
            LOG.error("Node {}: its admin token cannot be registered as {}: {}. The admin token of this node works"
                    + " nowhere until this is fixed (for a revoked token: delete admin.token so a new one is made).",
                    nodeId, id, e.getMessage());
            result.completeExceptionally(e);
            thread.shutdown();
        } catch (RuntimeException e) {
            retryLater(e);
        }
    }

    private void retryLater(RuntimeException failure) {
        failures++;
        if (failures == 1) {
            LOG.info("Node {}: cannot register its admin token yet ({}); retrying in the background", nodeId,
                    failure.getMessage());
        } else {
            LOG.debug("Node {}: admin token registration failed {} times, last: {}", nodeId, failures, failure.toString());
        }
        try {
            thread.schedule(this::attempt, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
            nextRetry = nextRetry.multipliedBy(2).compareTo(lastRetry) > 0 ? lastRetry : nextRetry.multipliedBy(2);
        } catch (RejectedExecutionException closed) {
            LOG.debug("Node {}: admin token registration stopped before it succeeded", nodeId);
        }
    }

    /** Stops retrying and ends the thread. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Node {}: the admin token registration did not stop within 5 s", nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        result.completeExceptionally(new IllegalStateException("admin token registration of node " + nodeId + " stopped"));
    }

    /** @return whether its thread has ended */
    boolean isTerminated() {
        return thread.isTerminated();
    }
}
