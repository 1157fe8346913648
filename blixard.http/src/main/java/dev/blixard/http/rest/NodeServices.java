package dev.blixard.http.rest;

import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.PluginProblem;
import dev.blixard.api.security.TokenService;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.http.events.EventStreams;
import dev.blixard.http.metrics.ClaimTimer;
import java.util.List;
import java.util.Map;

/**
 * The node's services as the handlers reach them. The queue's services exist only while the store has a
 * leader, so each getter throws {@link dev.blixard.api.UnavailableException} (a 503) when its service is
 * not there now, rather than the REST API disappearing with them.
 */
public interface NodeServices {

    JobCommandService commands();

    JobQueryService queries();

    WorkerService workers();

    HealthService health();

    TokenService tokens();

    ClusterService cluster();

    /** @return the event streams, when core's event history is there */
    EventStreams events();

    /** @return the execution backends registered now */
    List<ExecutionBackend> backends();

    /** @return the plugins registered now, each with what it is registered as (for example {@code validator}) */
    Map<Plugin, List<String>> plugins();

    /** @return the node's broken plugins now (jars not installed, bundles unresolved, activations that threw) */
    default List<PluginProblem> pluginProblems() {
        return List.of();
    }

    /** @return what times claims: the node's metrics when they are there, else a timer that times nothing */
    default ClaimTimer claimTimer() {
        return ClaimTimer.NONE;
    }
}
