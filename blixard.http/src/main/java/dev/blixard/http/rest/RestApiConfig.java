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

    @AttributeDefinition(name = "Requests per second per token",
            description = "Average requests a token may make per second; more are answered 429. 0 turns the limit off")
    double rate_limit_per_second() default 200;

    @AttributeDefinition(name = "Request burst per token", description = "Requests a token may make at once")
    int rate_limit_burst() default 400;

    @AttributeDefinition(name = "Limit admin tokens too",
            description = "Whether admin tokens are limited as well (by default they are exempt)")
    boolean rate_limit_admins() default false;

    @AttributeDefinition(name = "Event stream buffer (events)",
            description = "Events waiting for a slow /api/events reader before its connection is closed")
    int event_stream_buffer() default 1000;
}
