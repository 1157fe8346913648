package dev.blixard.integration.testbackend;

/**
 * Configuration of the echo backend (PID {@value EchoExecutionBackend#PID}, optional), a Declarative Services
 * component property type: the properties are {@code delay.ms} and {@code max.concurrent.executions}, for
 * example in {@code DIR/etc/blixard.integration.testbackend.cfg}. The defaults make an instant backend; a
 * delay lets a test see an execution run, time out or be cancelled.
 */
public @interface EchoBackendConfig {

    /** @return how long each execution runs before it echoes its payload, in milliseconds */
    long delay_ms() default 0;

    /** @return how many executions run at once; further submits are refused as retryable */
    int max_concurrent_executions() default 4;
}
