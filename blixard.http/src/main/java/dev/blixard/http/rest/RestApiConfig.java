package dev.blixard.http.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The REST API's limits, editable in the Web Console (PID {@code blixard.http}). */
@ObjectClassDefinition(name = "Blixard REST API", description = "Request limits of the /api endpoints")
public @interface RestApiConfig {

    @AttributeDefinition(name = "Largest body (bytes)", description = "Largest JSON body of a single request")
    long max_body_bytes() default 1L << 20;

    @AttributeDefinition(name = "Largest batch body (bytes)", description = "Largest JSON body of a batch publish")
    long max_batch_body_bytes() default 16L << 20;

    @AttributeDefinition(name = "Deepest JSON nesting", description = "Most nested arrays and objects a body may have")
    int max_json_depth() default 64;

    @AttributeDefinition(name = "Long-poll grace (ms)",
            description = "How much longer than its wait_ms a claim may take before it is answered 503")
    long long_poll_grace_ms() default 30_000;
}
