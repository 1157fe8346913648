package dev.blixard.dashboard.console;

import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.WorkerService;
import java.util.List;
import java.util.Objects;

/**
 * The node's services as one page view sees them: taken once per request from the component's dynamic
 * references, so that a service leaving halfway through cannot make one section see it and the next not.
 *
 * @param queries the job queue's read side, or {@code null} while it is not registered (no leader)
 * @param workers the worker registry, or {@code null}
 * @param cluster the Raft group view, or {@code null}
 * @param health the node's health, or {@code null}
 * @param backends the registered execution backends
 * @param plugins every plugin object once, with what it is registered as
 */
record ConsoleSources(JobQueryService queries, WorkerService workers, ClusterService cluster, HealthService health,
        List<ExecutionBackend> backends, List<RegisteredPlugin> plugins) {

    ConsoleSources {
        backends = List.copyOf(backends);
        plugins = List.copyOf(plugins);
    }

    /**
     * One plugin object and the plugin interfaces it is registered under.
     *
     * @param plugin the service object
     * @param kinds {@code validator}, {@code allocator}, {@code processor} and/or {@code plugin}
     */
    record RegisteredPlugin(Plugin plugin, List<String> kinds) {

        RegisteredPlugin {
            Objects.requireNonNull(plugin, "plugin");
            kinds = List.copyOf(kinds);
        }
    }
}
