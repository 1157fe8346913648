package dev.blixard.core.placement;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the first-fit allocator (PID {@code blixard.allocator.firstfit}), the default. */
@ObjectClassDefinition(name = "Blixard first-fit allocator",
        description = "Takes claimable jobs in queue order while they fit. The default placement strategy.")
public @interface FirstFitConfig {

    @AttributeDefinition(name = "Service ranking",
            description = "The allocator with the highest ranking decides placement.")
    int service_ranking() default FirstFitAllocator.DEFAULT_RANKING;
}
