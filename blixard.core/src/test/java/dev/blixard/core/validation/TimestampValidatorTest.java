package dev.blixard.core.validation;

import dev.blixard.testing.ConfigProxy;
import static dev.blixard.core.validation.PayloadValidatorTest.only;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.Test;

public class TimestampValidatorTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final TimestampValidator defaults = validator(Map.of());

    @Test
    public void noTimesIsValid() {
        assertTrue(defaults.validate(JobSubmission.builder("{}").build()).isValid());
    }

    @Test
    public void runAfterInThePastOrWithinAYearIsValid() {
        for (Instant runAfter : new Instant[] {Instant.parse("2000-01-01T00:00:00Z"), NOW.minusSeconds(3600), NOW,
                NOW.plus(Duration.ofDays(365))}) {
            assertTrue(runAfter.toString(), defaults.validate(runAfter(runAfter)).isValid());
        }
    }

    @Test
    public void runAfterTooFarAheadIsRejected() {
        Violation violation = only(defaults.validate(runAfter(NOW.plus(Duration.ofDays(365)).plusSeconds(1))));

        assertEquals("run_after", violation.field());
        assertTrue(violation.message(), violation.message().contains("more than 365 days in the future"));
    }

    @Test
    public void runAfterBefore2000IsRejected() {
        Violation violation = only(defaults.validate(runAfter(Instant.ofEpochSecond(1_700_000))));

        assertEquals("run_after", violation.field());
        assertTrue(violation.message(), violation.message().contains("is before 2000-01-01T00:00:00Z"));
    }

    @Test
    public void theDelayIsConfigurableAndZeroMeansUnlimited() {
        Instant inTenDays = NOW.plus(Duration.ofDays(10));

        assertEquals("run_after", only(validator(Map.of("max_delay_days", 7L)).validate(runAfter(inTenDays))).field());
        assertTrue(validator(Map.of("max_delay_days", 0L)).validate(runAfter(NOW.plus(Duration.ofDays(100_000))))
                .isValid());
    }

    @Test
    public void timeoutBetweenOneMillisecondAndAWeek() {
        assertTrue(defaults.validate(timeout(Duration.ofMillis(1))).isValid());
        assertTrue(defaults.validate(timeout(Duration.ofDays(7))).isValid());
        assertEquals(new Violation("timeout_ms", "must be at least 1 ms, was PT0.0005S"),
                only(defaults.validate(timeout(Duration.ofNanos(500_000)))));
        assertEquals(new Violation("timeout_ms", "604800001 ms is longer than the 168 hours allowed"),
                only(defaults.validate(timeout(Duration.ofDays(7).plusMillis(1)))));
    }

    @Test
    public void theMaximumTimeoutIsConfigurable() {
        TimestampValidator strict = validator(Map.of("max_timeout_hours", 1L));

        assertTrue(strict.validate(timeout(Duration.ofMinutes(60))).isValid());
        assertEquals("timeout_ms", only(strict.validate(timeout(Duration.ofMinutes(61)))).field());
    }

    @Test
    public void bothProblemsAreReported() {
        JobSubmission submission = JobSubmission.builder("{}").runAfter(Instant.EPOCH)
                .timeout(Duration.ofDays(30)).build();

        assertEquals(2, defaults.validate(submission).violations().size());
    }

    @Test
    public void hugeConfiguredLimitsDoNotOverflow() {
        TimestampValidator lax = validator(Map.of("max_delay_days", Long.MAX_VALUE, "max_timeout_hours",
                Long.MAX_VALUE));

        assertTrue(lax.validate(JobSubmission.builder("{}").runAfter(NOW.plus(Duration.ofDays(10_000)))
                .timeout(Duration.ofDays(10_000)).build()).isValid());
    }

    private static TimestampValidator validator(Map<String, Object> config) {
        return new TimestampValidator(ConfigProxy.of(TimestampValidatorConfig.class, config),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JobSubmission runAfter(Instant runAfter) {
        return JobSubmission.builder("{}").runAfter(runAfter).build();
    }

    private static JobSubmission timeout(Duration timeout) {
        return JobSubmission.builder("{}").timeout(timeout).build();
    }
}
