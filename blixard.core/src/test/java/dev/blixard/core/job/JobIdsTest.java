package dev.blixard.core.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class JobIdsTest {

    @Test
    public void idsWithinOneMillisecondIncreaseAndAreUnique() {
        JobIds ids = new JobIds(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC), new SecureRandom());
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }
        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(made, sorted);
        assertEquals(made.size(), new HashSet<>(made).size());
    }

    @Test
    public void idsSortByTimeAndCarryIt() {
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        JobIds ids = new JobIds(clock, new SecureRandom());
        String first = ids.next();
        now.addAndGet(1);
        String second = ids.next();
        now.addAndGet(-5_000);
        String third = ids.next();

        assertTrue(first.compareTo(second) < 0);
        assertTrue("a clock step back does not reorder ids", second.compareTo(third) < 0);
        assertEquals(1_700_000_000_000L, JobIds.timestampOf(first));
        assertEquals(1_700_000_000_001L, JobIds.timestampOf(third));
    }

    @Test
    public void idsAreCrockfordBase32OfTwentySixCharacters() {
        String id = new JobIds(Clock.systemUTC(), new SecureRandom()).next();
        assertEquals(26, id.length());
        assertTrue(id, id.matches("[0-9A-HJKMNP-TV-Z]{26}"));
    }

    @Test
    public void encodingPlacesEveryBit() {
        assertEquals("0000000000" + "0000000000000000", JobIds.encode(0, 0, 0));
        assertEquals("7ZZZZZZZZZ" + "ZZZZZZZZZZZZZZZZ", JobIds.encode((1L << 48) - 1, 0xFFFF, -1L));
        assertEquals("0000000001" + "0000000000000000", JobIds.encode(1, 0, 0));
        assertEquals("0000000000" + "0000000000000001", JobIds.encode(0, 0, 1));
        assertEquals("0000000000" + "0000000000000010", JobIds.encode(0, 0, 32));
        // Bit 64 of the random part is 2^64 = 16 * 32^12: the digit 'G' twelve places from the right.
        assertEquals("0000000000" + "000G000000000000", JobIds.encode(0, 1, 0));
        // The low word's top bit, 2^63 = 8 * 32^12.
        assertEquals("0000000000" + "0008000000000000", JobIds.encode(0, 0, Long.MIN_VALUE));
    }

    @Test(expected = IllegalArgumentException.class)
    public void timestampsOfNonIdsAreRefused() {
        JobIds.timestampOf("not-an-id-of-26-characters");
    }

    @Test
    public void manyGeneratorsDoNotCollide() {
        Set<String> all = new HashSet<>();
        for (int g = 0; g < 10; g++) {
            JobIds ids = new JobIds(Clock.fixed(Instant.ofEpochMilli(5), ZoneOffset.UTC), new SecureRandom());
            for (int i = 0; i < 1000; i++) {
                assertTrue(all.add(ids.next()));
            }
        }
    }
}
