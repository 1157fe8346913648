package dev.blixard.api.service;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** The node's health, as a load balancer or an operator wants it. */
@ProviderType
public interface HealthService {

    /** @return the health of every component (store, services, each backend and plugin), by name */
    Map<String, Health> components();

    /** @return the node's overall health: the worst of its components, and ready only when the store has a leader */
    Health overall();

    /**
     * @return whether the node can serve its API: its store has a leader and its essential components are
     *     active (a broken backend or plugin only degrades the node; it stays ready)
     */
    default boolean ready() {
        return overall().state() != HealthState.DOWN;
    }
}
