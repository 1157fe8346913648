package dev.blixard.api.backend;

import java.util.Map;
import java.util.Objects;

/**
 * Technology-specific facts about one execution, for operators: a process id, a container id, a VM's
 * driver and console path.
 *
 * @param handle the execution
 * @param state where it stands
 * @param attributes the facts, as text
 */
public record ExecutionMetadata(ExecutionHandle handle, ExecutionState state, Map<String, String> attributes) {

    public ExecutionMetadata {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(state, "state");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    }
}
