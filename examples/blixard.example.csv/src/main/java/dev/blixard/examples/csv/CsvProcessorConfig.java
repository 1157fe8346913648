package dev.blixard.examples.csv;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the csv job processor (PID {@value CsvProcessor#PID}); edit it in the Web Console or
 * with {@code DIR/etc/blixard.example.csv.cfg}. Keys there use dots: {@code base.directory=/srv/data}.
 */
@ObjectClassDefinition(name = "Blixard example: CSV aggregation",
        description = "Aggregates CSV files for jobs of worker type csv.")
public @interface CsvProcessorConfig {

    @AttributeDefinition(name = "Base directory", description = "When set (an absolute path), datasets and outputs "
            + "must lie under it, symbolic links resolved. Empty allows any absolute path.")
    String base_directory() default "";

    @AttributeDefinition(name = "Most groups", description = "A job whose summary would have more groups fails; "
            + "bounds the memory one job takes.", min = "1")
    int max_groups() default 1_000_000;

    @AttributeDefinition(name = "Longest record (characters)", description = "Longer CSV records are skipped as "
            + "malformed; bounds the memory of one row, even with an unclosed quote.", min = "1")
    int max_record_chars() default 1 << 20;
}
