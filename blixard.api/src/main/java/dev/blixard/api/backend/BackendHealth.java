package dev.blixard.api.backend;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import java.util.Objects;

/**
 * A backend's health: whether it can run jobs now, and which version of its technology it drives.
 *
 * @param health state, explanation and details (for example the isolation profiles or drivers available)
 * @param engine the technology and its version, for example {@code wasmtime 0.19.0} or {@code QEMU 7.2}
 */
public record BackendHealth(Health health, String engine) {

    public BackendHealth {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(engine, "engine");
    }

    /** @return whether jobs may be sent to the backend */
    public boolean canRunJobs() {
        return health.state() != HealthState.DOWN;
    }
}
