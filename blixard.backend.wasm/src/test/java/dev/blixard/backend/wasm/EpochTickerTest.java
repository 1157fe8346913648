package dev.blixard.backend.wasm;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

public class EpochTickerTest {
    private final AtomicReference<CountDownLatch> ticks = new AtomicReference<>(new CountDownLatch(3));
    private final EpochTicker ticker = new EpochTicker("epoch-ticker-test", () -> ticks.get().countDown(), 1);

    @After
    public void close() {
        ticker.close();
    }

    @Test
    public void anIdleTickerSchedulesNothing() {
        assertFalse(ticker.isTicking());
    }

    @Test
    public void ticksWhileHeldAndStopsWhenReleased() throws InterruptedException {
        ticker.acquire();
        assertTrue("ticks while held", ticks.get().await(5, TimeUnit.SECONDS));
        ticker.release();
        assertFalse("nothing is left scheduled once released", ticker.isTicking());
    }

    @Test
    public void keepsTickingUntilTheLastHolderReleases() throws InterruptedException {
        ticker.acquire();
        ticker.acquire();
        ticker.release();
        assertTrue(ticker.isTicking());
        ticks.set(new CountDownLatch(3));
        assertTrue("still ticks for the other holder", ticks.get().await(5, TimeUnit.SECONDS));
        ticker.release();
        assertFalse(ticker.isTicking());
    }

    @Test
    public void startsAgainAfterAnIdleSpell() throws InterruptedException {
        ticker.acquire();
        ticker.release();
        ticker.acquire();
        ticks.set(new CountDownLatch(3));
        assertTrue(ticks.get().await(5, TimeUnit.SECONDS));
        ticker.release();
        assertFalse(ticker.isTicking());
    }

    @Test
    public void aReleaseWithoutAnAcquireIsRefused() {
        assertThrows(IllegalStateException.class, ticker::release);
    }
}
