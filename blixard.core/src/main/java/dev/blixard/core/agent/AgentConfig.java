package dev.blixard.core.agent;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the node's worker agent (PID {@code blixard.agent}). A change re-creates the agent:
 * it gives back every job it holds and claims again with the new settings.
 */
@ObjectClassDefinition(name = "Blixard worker agent",
        description = "Claims jobs for every execution backend and job processor of this node, runs them and reports the results.")
public @interface AgentConfig {

    @AttributeDefinition(name = "Enabled", description = "Whether this node runs jobs at all.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Capacity", description = "Jobs run at once per worker type, unless 'Capacities' says otherwise. "
            + "Never more than the backend's own limit.", min = "1", max = "100000")
    int capacity() default 64;

    @AttributeDefinition(name = "Capacities", description = "Per-type overrides as type=N, for example mock=512.")
    String[] capacities() default {};

    @AttributeDefinition(name = "Lease (ms)", description = "Lease asked for on every claim; heartbeats renew it.", min = "1000", max = "3600000")
    long lease_ms() default 30_000;

    @AttributeDefinition(name = "Heartbeat (ms)", description = "Interval between heartbeats; must be shorter than the lease.", min = "1")
    long heartbeat_ms() default 10_000;

    @AttributeDefinition(name = "Claim wait (ms)", description = "How long one claim waits for a job (long poll).", min = "0", max = "60000")
    long claim_wait_ms() default 5_000;

    @AttributeDefinition(name = "Jobs per claim", description = "Most jobs taken by one claim.", min = "1", max = "1000")
    int max_claim() default 256;

    @AttributeDefinition(name = "Drain timeout (ms)", description = "On shutdown, how long to wait for executions to stop and jobs to be given back.", min = "0")
    long drain_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Cancel grace (ms)", description = "How long a job processor may take to stop a cancelled or timed-out job before the agent abandons its thread and frees the slot.", min = "0")
    long cancel_grace_ms() default 10_000;

    @AttributeDefinition(name = "Default timeout (ms)", description = "Wall-clock limit of an attempt whose job names none.", min = "1")
    long default_timeout_ms() default 3_600_000;

    @AttributeDefinition(name = "Report threads", description = "Writes (start, complete, fail, release) in flight at once; "
            + "more in flight lets the store commit them together.", min = "1", max = "1024")
    int report_threads() default 32;
}
