package dev.blixard.core.validation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the worker constraints validator (PID {@code blixard.validator.constraints}): limits an
 * operator can tighten. Resource maxima of 0 mean unlimited.
 */
@ObjectClassDefinition(name = "Blixard worker constraints validator",
        description = "Limits on the worker types, labels and resources a single job may ask for.")
public @interface WorkerConstraintsConfig {

    @AttributeDefinition(name = "Maximum worker types", description = "Most worker types one job may list.",
            min = "1")
    int max_worker_types() default 32;

    @AttributeDefinition(name = "Maximum labels", description = "Most labels one job may carry.", min = "0")
    int max_labels() default 64;

    @AttributeDefinition(name = "Maximum label value length", description = "Longest label value, in characters.",
            min = "0")
    int max_label_value() default 255;

    @AttributeDefinition(name = "Maximum CPU", description = "Most CPU cores one job may request; 0 = unlimited.",
            min = "0")
    double max_cpu() default 0;

    @AttributeDefinition(name = "Maximum memory (MiB)", description = "Most memory one job may request; 0 = unlimited.",
            min = "0")
    long max_memory_mb() default 0;

    @AttributeDefinition(name = "Maximum disk (MiB)", description = "Most disk one job may request; 0 = unlimited.",
            min = "0")
    long max_disk_mb() default 0;
}
