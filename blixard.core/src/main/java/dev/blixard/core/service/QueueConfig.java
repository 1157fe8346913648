package dev.blixard.core.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The queue's settings, editable in the Web Console (PID {@code blixard.core}). */
@ObjectClassDefinition(name = "Blixard queue", description = "Leases, workers, housekeeping and the event log")
public @interface QueueConfig {

    @AttributeDefinition(name = "Write timeout (ms)", description = "How long a command waits for its replicated write")
    long write_timeout_ms() default 30_000;

    @AttributeDefinition(name = "Claim candidate slack",
            description = "How many more claimable jobs than asked for a claim shows the allocator")
    int candidate_slack() default 32;

    @AttributeDefinition(name = "Worker timeout (ms)",
            description = "A worker silent for longer is marked lost and its jobs are taken back")
    long worker_timeout_ms() default 30_000;

    @AttributeDefinition(name = "Reaper period (ms)",
            description = "How often the leader looks for lapsed leases and lost workers (at most 1000)")
    long reaper_period_ms() default 500;

    @AttributeDefinition(name = "Claim recheck (ms)",
            description = "How often waiting claims look for jobs that became due by time alone (run_after, backoff)")
    long claim_recheck_ms() default 250;

    @AttributeDefinition(name = "Event retention", description = "How many events the replicated event log keeps")
    long event_retention() default 200_000;
}
