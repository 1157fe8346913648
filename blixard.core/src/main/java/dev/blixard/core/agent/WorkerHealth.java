package dev.blixard.core.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of one worker type of the node's agent, for health checks and the console.
 *
 * @param type the worker type
 * @param workerId the id it is registered under
 * @param executor what runs its jobs, for example {@code backend mock}
 * @param running jobs it holds now (claimed, running or being reported)
 * @param capacity the most it holds at once
 * @param registered whether the registry knows it
 * @param lastError the last thing that went wrong, if anything did
 * @param lastErrorAt when that was
 * @param abandoned runs its executor gave up on because they did not stop when told to (their threads still
 *     run), described for an operator
 */
public record WorkerHealth(String type, String workerId, String executor, int running, int capacity,
        boolean registered, String lastError, Instant lastErrorAt, List<String> abandoned) {

    public WorkerHealth {
        abandoned = List.copyOf(abandoned);
    }

    /** @return the last error, if any */
    public Optional<String> error() {
        return Optional.ofNullable(lastError);
    }
}
