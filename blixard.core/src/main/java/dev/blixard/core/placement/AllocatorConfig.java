package dev.blixard.core.placement;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of an alternative allocator (best fit, label affinity): only its ranking. Give it a ranking
 * above the first-fit allocator's 100 to make it decide placement.
 */
@ObjectClassDefinition(name = "Blixard allocator",
        description = "A placement strategy; the allocator with the highest ranking decides placement.")
public @interface AllocatorConfig {

    @AttributeDefinition(name = "Service ranking",
            description = "Above 100 (the first-fit default) to make this allocator decide placement.")
    int service_ranking() default 0;
}
