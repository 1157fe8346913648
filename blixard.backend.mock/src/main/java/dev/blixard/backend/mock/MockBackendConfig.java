package dev.blixard.backend.mock;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the mock backend (PID {@code blixard.backend.mock}). The defaults make a fast, reliable
 * backend; tests and chaos experiments turn up latency, failures, hangs and crashes. A job's payload may
 * override the behaviour for that job (see {@link MockScenario}).
 */
@ObjectClassDefinition(name = "Blixard mock backend",
        description = "An in-memory execution backend for tests: configurable latency, failure rate, hangs and crashes.")
public @interface MockBackendConfig {

    @AttributeDefinition(name = "Minimum latency (ms)", description = "Shortest simulated run time.", min = "0")
    long latency_min_ms() default 10;

    @AttributeDefinition(name = "Maximum latency (ms)", description = "Longest simulated run time.", min = "0")
    long latency_max_ms() default 50;

    @AttributeDefinition(name = "Failure rate", description = "Share of executions that fail, 0 to 1.", min = "0", max = "1")
    double failure_rate() default 0;

    @AttributeDefinition(name = "Hang rate", description = "Share of executions that never finish by themselves (until cancelled or timed out), 0 to 1.", min = "0", max = "1")
    double hang_rate() default 0;

    @AttributeDefinition(name = "Crash rate", description = "Share of executions whose backend side crashes (a retryable infrastructure failure), 0 to 1.", min = "0", max = "1")
    double crash_rate() default 0;

    @AttributeDefinition(name = "Concurrency", description = "Executions run at once; further submits are refused as retryable.", min = "1")
    int max_concurrent_executions() default 64;

    @AttributeDefinition(name = "Random seed", description = "Seed for the failure draws; 0 picks a random seed.")
    long seed() default 0;
}
