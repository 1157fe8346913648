package dev.blixard.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a worker's heartbeat.
 *
 * @param cancel ids of jobs the worker holds that it must stop now (they were cancelled, or their lease
 *        was lost); the worker reports nothing further for them
 * @param leaseExpiresAt until when the leases of the jobs it still holds are now valid
 */
public record HeartbeatResponse(List<String> cancel, Instant leaseExpiresAt) {

    public HeartbeatResponse {
        cancel = List.copyOf(Objects.requireNonNull(cancel, "cancel"));
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
    }
}
