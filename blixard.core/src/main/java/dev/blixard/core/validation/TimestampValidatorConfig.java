package dev.blixard.core.validation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the timestamp validator (PID {@code blixard.validator.timestamps}). 0 means no limit. */
@ObjectClassDefinition(name = "Blixard timestamp validator",
        description = "Bounds on a job's run_after and timeout.")
public @interface TimestampValidatorConfig {

    @AttributeDefinition(name = "Maximum delay (days)",
            description = "How far in the future run_after may lie; 0 = no limit.", min = "0")
    long max_delay_days() default 365;

    @AttributeDefinition(name = "Maximum timeout (hours)",
            description = "Longest timeout one attempt may have; 0 = no limit.", min = "0")
    long max_timeout_hours() default 24 * 7;
}
