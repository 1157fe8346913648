package dev.blixard.core.job;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes job ids that are unique cluster-wide without coordination and sort by creation time: 48 bits of
 * milliseconds then 80 random bits, written as 26 characters of Crockford base 32 (the ULID layout). Ids
 * made by one generator within the same millisecond increase, so FIFO by id holds on one node; across
 * nodes ids order by their proposers' clocks.
 *
 * <p>Ids are made by the node that proposes a submit, never during apply: the log entry carries them.
 */
public final class JobIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long MAX_TIME = (1L << 48) - 1;

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private long high;
    private long low;

    public JobIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** @return a new id */
    public synchronized String next() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis > MAX_TIME) {
            throw new IllegalStateException("clock beyond the year 10889: " + millis);
        }
        if (millis == lastMillis) {
            increment();
        } else {
            lastMillis = millis;
            high = random.nextInt(1 << 16) & 0xFFFFL;
            low = random.nextLong();
        }
        return encode(millis, high, low);
    }

    /** The 80 random bits count up within a millisecond; their overflow, 2^80 ids in 1 ms, cannot happen. */
    private void increment() {
        low++;
        if (low == 0) {
            high = (high + 1) & 0xFFFFL;
        }
    }

    static String encode(long millis, long high16, long low64) {
        char[] text = new char[26];
        // 10 characters of time (50 bits, the top 2 always zero).
        for (int i = 9; i >= 0; i--) {
            text[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 16 characters of randomness: 80 bits, as 16 + 64.
        long lowBits = low64;
        long highBits = high16;
        for (int i = 25; i >= 10; i--) {
            text[i] = ALPHABET[(int) (lowBits & 31)];
            lowBits = (lowBits >>> 5) | ((highBits & 31) << 59);
            highBits >>>= 5;
        }
        return new String(text);
    }

    /** @return the milliseconds an id was made at */
    public static long timestampOf(String id) {
        if (id.length() != 26) {
            throw new IllegalArgumentException("'" + id + "' is not a job id");
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            int value = indexOf(id.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + id + "' is not a job id");
            }
            millis = (millis << 5) | value;
        }
        return millis;
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
