package dev.blixard.api.service;

import dev.blixard.api.Health;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** The node's health, as a load balancer or an operator wants it. */
@ProviderType
public interface HealthService {

    /** @return the health of every component (store, services, each backend and plugin), by name */
    Map<String, Health> components();

    /** @return the node's overall health: the worst of its components, and ready only when the store has a leader */
    Health overall();
}
