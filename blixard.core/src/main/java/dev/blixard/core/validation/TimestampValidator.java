package dev.blixard.core.validation;

import dev.blixard.api.Health;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Catches times that are surely mistakes: a {@code run_after} years ahead (often milliseconds sent where
 * seconds were meant, or the reverse) or before 2000, and timeouts below a millisecond or longer than
 * operators allow, which would hold a worker slot for days when a job hangs.
 */
@Component(service = JobValidator.class, configurationPid = TimestampValidator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TimestampValidatorConfig.class)
public final class TimestampValidator implements JobValidator {
    static final String PID = "blixard.validator.timestamps";
    /** Nothing scheduled by this system can predate it; earlier values are unit or epoch mix-ups. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "run_after must lie between 2000 and the allowed delay; timeouts between 1 ms and the allowed maximum.");

    /** Caps configured limits where {@link Instant} arithmetic would overflow; far beyond any sensible value. */
    private static final long LIMIT_CAP = 1_000_000;

    private final Clock clock;
    private final long maxDelayDays;
    private final long maxTimeoutHours;
    private final Duration maxDelay;
    private final Duration maxTimeout;

    @Activate
    public TimestampValidator(TimestampValidatorConfig config) {
        this(config, Clock.systemUTC());
    }

    TimestampValidator(TimestampValidatorConfig config, Clock clock) {
        this.clock = clock;
        this.maxDelayDays = Math.max(0, config.max_delay_days());
        this.maxTimeoutHours = Math.max(0, config.max_timeout_hours());
        this.maxDelay = Duration.ofDays(Math.min(maxDelayDays, LIMIT_CAP));
        this.maxTimeout = Duration.ofHours(Math.min(maxTimeoutHours, LIMIT_CAP));
    }

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("ok").withDetails(Map.of("max_delay_days", Long.toString(maxDelayDays),
                "max_timeout_hours", Long.toString(maxTimeoutHours)));
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        Violations violations = new Violations();
        submission.runAfter().ifPresent(runAfter -> {
            if (runAfter.isBefore(EARLIEST)) {
                violations.add("run_after", runAfter + " is before " + EARLIEST
                        + "; was a time in seconds sent as milliseconds?");
            } else if (maxDelayDays > 0 && runAfter.isAfter(clock.instant().plus(maxDelay))) {
                violations.add("run_after", runAfter + " is more than " + maxDelayDays
                        + " days in the future; was a time in milliseconds sent as seconds?");
            }
        });
        submission.timeout().ifPresent(timeout -> {
            if (timeout.compareTo(MIN_TIMEOUT) < 0) {
                violations.add("timeout_ms", "must be at least 1 ms, was " + timeout);
            } else if (maxTimeoutHours > 0 && timeout.compareTo(maxTimeout) > 0) {
                violations.add("timeout_ms", timeout.toMillis() + " ms is longer than the " + maxTimeoutHours
                        + " hours allowed");
            }
        });
        return violations.result();
    }
}
