package dev.blixard.core.security;

import dev.blixard.api.security.TokenInfo;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The tokens this node found active during the last {@code maxAge}, by the hash of their secret, so that a
 * client sending thousands of requests a second with one token costs a read of the replica per period, not
 * one per request. Under a steady stream of writes every read starts from an emptied page cache, and the
 * lookup was the largest single cost of a submit's request thread.
 *
 * <p>Only tokens found active are kept. A revoke through this node empties the cache when it has been
 * applied here ({@link #forgetAll}); a revoke through another member holds here within {@code maxAge} of this
 * node applying it, the way Nomad and Consul agents cache ACL tokens. Thread-safe.
 */
final class AuthenticatedTokens {
    private final long maxAgeNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Found> found = new ConcurrentHashMap<>();
    /** Counts {@link #forgetAll} calls: a lookup that overlapped one must not leave its answer behind. */
    private final AtomicLong forgets = new AtomicLong();

    /**
     * @param maxAgeNanos how long a token found active is believed without reading the replica again
     * @param maxEntries beyond this many tokens the cache starts over, so that it stays small whatever
     *        clients send
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     */
    AuthenticatedTokens(long maxAgeNanos, int maxEntries, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAgeNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /**
     * @param lookup reads the active token with a given hash from the store
     * @return the active token with this hash, from the cache while it is young enough, else from
     *         {@code lookup}
     */
    Optional<TokenInfo> find(String sha256, Function<String, Optional<TokenInfo>> lookup) {
        long now = nanoTime.getAsLong();
        Found known = found.get(sha256);
        if (known != null && now - known.at < maxAgeNanos) {
            return Optional.of(known.info);
        }
        long forgetsBefore = forgets.get();
        Optional<TokenInfo> active = lookup.apply(sha256);
        if (active.isEmpty()) {
            found.remove(sha256);
            return active;
        }
        if (found.size() >= maxEntries) {
            found.clear();
        }
        found.put(sha256, new Found(active.get(), now));
        if (forgets.get() != forgetsBefore) {
            // A revoke may have been applied after the lookup read the token as active.
            found.remove(sha256);
        }
        return active;
    }

    /** Forgets every token: the next lookup of each reads the store. */
    void forgetAll() {
        forgets.incrementAndGet();
        found.clear();
    }

    /** A token found active at {@code at} ({@link System#nanoTime}). */
    private record Found(TokenInfo info, long at) {
    }
}
