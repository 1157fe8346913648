package dev.blixard.examples.csv;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the data-locality allocator (PID {@value DataLocalityAllocator#PID}). Its ranking
 * starts below the built-in first fit (100), so installing the plugin changes no placement until an
 * operator ranks it higher, for example with {@code DIR/etc/blixard.example.csv.locality.config} holding
 * {@code service.ranking=I"200"} (a typed {@code .config} file: in a {@code .cfg} the value is text, which
 * the framework ranks as 0).
 */
@ObjectClassDefinition(name = "Blixard example: data-locality allocator",
        description = "Gives a worker first the csv jobs whose dataset lies under its csv.data_dir label.")
public @interface DataLocalityConfig {

    @AttributeDefinition(name = "Service ranking", description = "The allocator with the highest ranking decides "
            + "ALL placement on the node; the built-in first fit has 100.")
    int service_ranking() default DataLocalityAllocator.DEFAULT_RANKING;
}
