package dev.blixard.core.placement;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the spread allocator (PID {@code blixard.allocator.spread}). */
@ObjectClassDefinition(name = "Blixard spread allocator",
        description = "Shares claims fairly across tenants and caps each claim at a share of the worker's free slots.")
public @interface SpreadAllocatorConfig {

    @AttributeDefinition(name = "Service ranking",
            description = "Above 100 (the first-fit default) to make this allocator decide placement.")
    int service_ranking() default 0;

    @AttributeDefinition(name = "Maximum share",
            description = "Largest share of a worker's free slots one claim may fill, above 0 and at most 1; "
                    + "a claim always takes at least one job.", min = "0", max = "1")
    double max_share() default SpreadAllocator.DEFAULT_MAX_SHARE;
}
