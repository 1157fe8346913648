package dev.blixard.backend.docker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the Docker backend (PID {@code blixard.backend.docker}, file
 * {@code etc/blixard.backend.docker.config} with the attribute names written with dots: {@code docker.host},
 * {@code pull.policy}, ...).
 */
@ObjectClassDefinition(name = "Blixard Docker backend",
        description = "Runs jobs as containers through the Docker Engine API: which engine, how containers are limited, which host directories and networks jobs may use, whether images are pulled.")
public @interface DockerBackendConfig {

    @AttributeDefinition(name = "Docker host", description = "The engine's API: unix:///path/to/docker.sock or tcp://host:port (plain HTTP).")
    String docker_host() default "unix:///var/run/docker.sock";

    @AttributeDefinition(name = "Concurrency", description = "Containers run at once; further submits are refused as retryable.", min = "1")
    int max_concurrent_executions() default 8;

    @AttributeDefinition(name = "Pull policy", description = "When an image missing on the engine is pulled from its registry.",
            options = {@Option(label = "never: only images already on the engine (docker load / docker import)", value = "never"),
                @Option(label = "if-missing: pull when the engine lacks the image", value = "if-missing"),
                @Option(label = "always: pull before every job", value = "always")})
    String pull_policy() default "never";

    @AttributeDefinition(name = "Default memory (MiB)", description = "A container's memory limit (swap included) when the job names none.", min = "4")
    long default_memory_mb() default 256;

    @AttributeDefinition(name = "Memory limit (MiB)", description = "The most memory a job may ask for with memory_mb.", min = "4")
    long max_memory_mb() default 4096;

    @AttributeDefinition(name = "Default CPUs", description = "A container's CPU quota in cores when the job names none.", min = "0.01")
    double default_cpus() default 1.0;

    @AttributeDefinition(name = "CPU limit", description = "The most CPUs a job may ask for with cpus.", min = "0.01")
    double max_cpus() default 2.0;

    @AttributeDefinition(name = "Default process limit", description = "A container's pids limit when the job names none.", min = "1")
    long default_pids() default 256;

    @AttributeDefinition(name = "Process limit", description = "The most processes a job may ask for with pids.", min = "1")
    long max_pids() default 4096;

    @AttributeDefinition(name = "Allowed mount directories", description = "Host directories under which jobs may bind-mount (compared after resolving symbolic links); empty: no bind mounts.")
    String[] allowed_mounts() default {};

    @AttributeDefinition(name = "Allowed networks", description = "Networks a job may name; \"none\" (only loopback) is the default network.")
    String[] allowed_networks() default {"none"};

    @AttributeDefinition(name = "Output cap (bytes)", description = "Kept per stream (stdout, stderr): the first and last halves, with a marker in between.", min = "256")
    int output_max_bytes() default 1_048_576;

    @AttributeDefinition(name = "API timeout (ms)", description = "Connecting to the engine, and every call except waiting for a container and reading its output; health checks use it too.", min = "100")
    long api_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Health refresh (ms)", description = "How often the engine is pinged in the background; health answers from the last ping.", min = "100")
    long health_refresh_ms() default 5_000;
}
