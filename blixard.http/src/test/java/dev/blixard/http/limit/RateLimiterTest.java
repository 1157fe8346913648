package dev.blixard.http.limit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(10, 3, now::get);

    @Test
    public void aBurstPassesThenTheRateHolds() {
        for (int i = 0; i < 3; i++) {
            assertEquals("request " + i, Duration.ZERO, limiter.acquire("a"));
        }
        assertEquals("one token comes back every 100 ms", Duration.ofMillis(100), limiter.acquire("a"));
        now.addAndGet(Duration.ofMillis(40).toNanos());
        assertEquals(Duration.ofMillis(60), limiter.acquire("a"));
        now.addAndGet(Duration.ofMillis(60).toNanos());
        assertEquals(Duration.ZERO, limiter.acquire("a"));
        assertFalse(limiter.acquire("a").isZero());
    }

    @Test
    public void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertFalse(limiter.acquire("a").isZero());
        assertEquals(Duration.ZERO, limiter.acquire("b"));
    }

    @Test
    public void anIdleKeyRefillsOnlyUpToItsBurst() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.acquire("a"));
        }
        assertFalse(limiter.acquire("a").isZero());
    }

    @Test
    public void zeroTurnsItOff() {
        RateLimiter off = new RateLimiter(0, 1, now::get);
        assertFalse(off.isOn());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Duration.ZERO, off.acquire("a"));
        }
        assertEquals(0, off.keys());
    }

    @Test
    public void fullBucketsAreForgottenWhenThereAreManyKeys() {
        for (int i = 0; i <= 10_001; i++) {
            limiter.acquire("key-" + i);
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        limiter.acquire("one-more");
        assertTrue("keys left: " + limiter.keys(), limiter.keys() <= 2);
    }
}
