package dev.blixard.core.validation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the payload validator (PID {@code blixard.validator.payload}). */
@ObjectClassDefinition(name = "Blixard payload validator",
        description = "Rejects submissions whose payload is not one well-formed JSON value, too large or too deeply nested.")
public @interface PayloadValidatorConfig {

    @AttributeDefinition(name = "Maximum size (bytes)", description = "Largest payload accepted, in bytes of UTF-8.",
            min = "1")
    long max_bytes() default PayloadValidator.DEFAULT_MAX_BYTES;

    @AttributeDefinition(name = "Maximum depth", description = "Deepest nesting of arrays and objects accepted.",
            min = "1")
    int max_depth() default PayloadValidator.DEFAULT_MAX_DEPTH;
}
