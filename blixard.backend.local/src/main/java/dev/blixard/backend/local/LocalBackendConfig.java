package dev.blixard.backend.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the local backend (PID {@code blixard.backend.local}, file {@code etc/blixard.backend.local.cfg}
 * with the attribute names written with dots: {@code allowed.commands}, {@code any.command}, ...).
 */
@ObjectClassDefinition(name = "Blixard local backend",
        description = "Runs jobs as local processes: which commands may run, how isolated and limited, how much output is kept.")
public @interface LocalBackendConfig {

    @AttributeDefinition(name = "Concurrency", description = "Processes run at once; further submits are refused as retryable.", min = "1")
    int max_concurrent_executions() default 16;

    @AttributeDefinition(name = "Work directory root", description = "Each execution gets its own directory under it. Empty: DATA_DIR/work/local (or the JVM's temp directory outside a node).")
    String work_root() default "";

    @AttributeDefinition(name = "Work directory retention (ms)", description = "How long a finished execution's directory is kept; 0 removes it as soon as the result is reported.", min = "0")
    long work_dir_retention_ms() default 0;

    @AttributeDefinition(name = "Default isolation", description = "For jobs whose payload names none.",
            options = {@Option(label = "none: a plain process as the node's user", value = "none"),
                @Option(label = "sandbox: bubblewrap, read-only system, no network, unprivileged", value = "sandbox")})
    String default_isolation() default "none";

    @AttributeDefinition(name = "Allowed commands", description = "Executables a job may run: absolute paths, or names looked up on the node's PATH when the backend starts. Compared after resolving symbolic links.")
    String[] allowed_commands() default {};

    @AttributeDefinition(name = "Any command", description = "When a command outside the list may run.",
            options = {@Option(label = "single-node: only on a node without peers (the embedded development default)", value = "single-node"),
                @Option(label = "always", value = "always"),
                @Option(label = "never: the allow-list only", value = "never")})
    String any_command() default "single-node";

    @AttributeDefinition(name = "Output cap (bytes)", description = "Kept per stream (stdout, stderr): the first and last halves, with a marker in between.", min = "256")
    int output_max_bytes() default 1_048_576;

    @AttributeDefinition(name = "Kill grace (ms)", description = "Between the polite SIGTERM and the SIGKILL when a job times out, is cancelled or the backend stops.", min = "0")
    long kill_grace_ms() default 2_000;

    @AttributeDefinition(name = "Default CPU limit (s)", description = "CPU seconds per job (RLIMIT_CPU); 0 inherits the node's.", min = "0")
    long limit_cpu_seconds() default 0;

    @AttributeDefinition(name = "Default address space limit (MiB)", description = "Virtual memory per process (RLIMIT_AS); 0 inherits the node's.", min = "0")
    long limit_address_space_mb() default 0;

    @AttributeDefinition(name = "Default open files limit", description = "RLIMIT_NOFILE per process; 0 inherits the node's.", min = "0")
    long limit_open_files() default 0;

    @AttributeDefinition(name = "Default process limit", description = "RLIMIT_NPROC (counted per user); 0 inherits the node's.", min = "0")
    long limit_processes() default 0;

    @AttributeDefinition(name = "Sandbox user id", description = "The unprivileged uid (and gid) sandboxed jobs run as when the node runs as root.", min = "1")
    int sandbox_uid() default 65534;
}
