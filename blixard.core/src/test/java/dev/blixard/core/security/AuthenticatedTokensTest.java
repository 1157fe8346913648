package dev.blixard.core.security;

import static org.junit.Assert.assertEquals;

import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.Test;

/** The per-node cache of tokens found active: what it keeps, for how long, and what makes it forget. */
public class AuthenticatedTokensTest {
    private static final long MAX_AGE = TimeUnit.SECONDS.toNanos(1);
    private static final TokenInfo ALICE = new TokenInfo("tok_alice", Role.CLIENT, "acme", "", Instant.EPOCH);
    private static final TokenInfo BOB = new TokenInfo("tok_bob", Role.WORKER, null, "", Instant.EPOCH);

    private long now = 1_000_000_000L;
    private final Map<String, TokenInfo> store = new HashMap<>(Map.of("a", ALICE, "b", BOB));
    private final Map<String, Integer> reads = new HashMap<>();
    private final Function<String, Optional<TokenInfo>> lookup = hash -> {
        reads.merge(hash, 1, Integer::sum);
        return Optional.ofNullable(store.get(hash));
    };
    private final AuthenticatedTokens tokens = new AuthenticatedTokens(MAX_AGE, 100, () -> now);

    @Test
    public void aTokenFoundActiveIsBelievedUntilItIsTooOld() {
        assertEquals(Optional.of(ALICE), tokens.find("a", lookup));
        now += MAX_AGE - 1;
        assertEquals(Optional.of(ALICE), tokens.find("a", lookup));
        assertEquals(1, reads("a"));

        store.remove("a");
        now += 1;
        assertEquals(Optional.empty(), tokens.find("a", lookup));
        assertEquals(2, reads("a"));
    }

    @Test
    public void anUnknownTokenIsLookedUpEveryTime() {
        assertEquals(Optional.empty(), tokens.find("x", lookup));
        assertEquals(Optional.empty(), tokens.find("x", lookup));
        assertEquals(2, reads("x"));
    }

    @Test
    public void forgettingMakesTheNextUseReadTheStore() {
        tokens.find("a", lookup);
        tokens.find("b", lookup);
        store.remove("a");

        tokens.forgetAll();

        assertEquals(Optional.empty(), tokens.find("a", lookup));
        assertEquals(Optional.of(BOB), tokens.find("b", lookup));
        assertEquals(2, reads("a"));
        assertEquals(2, reads("b"));
    }

    @Test
    public void aLookupOverlappingAForgetLeavesNothingBehind() {
        // The lookup read the token as active, then a revoke was applied and the cache told to forget.
        Function<String, Optional<TokenInfo>> racing = hash -> {
            Optional<TokenInfo> read = lookup.apply(hash);
            store.remove(hash);
            tokens.forgetAll();
            return read;
        };

        assertEquals(Optional.of(ALICE), tokens.find("a", racing));
        assertEquals(Optional.empty(), tokens.find("a", lookup));
    }

    @Test
    public void aFullCacheStartsOver() {
        AuthenticatedTokens small = new AuthenticatedTokens(MAX_AGE, 2, () -> now);
        store.put("c", ALICE);
        small.find("a", lookup);
        small.find("b", lookup);
        small.find("c", lookup);

        small.find("c", lookup);
        small.find("a", lookup);

        assertEquals(1, reads("c"));
        assertEquals(2, reads("a"));
    }

    private int reads(String hash) {
        return reads.getOrDefault(hash, 0);
    }
}
