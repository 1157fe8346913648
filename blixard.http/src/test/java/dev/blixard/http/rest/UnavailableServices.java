package dev.blixard.http.rest;

import dev.blixard.api.UnavailableException;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.security.TokenService;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.http.events.EventStreams;
import java.util.List;
import java.util.Map;

/** A node whose services are all missing, for tests that only need the routes. */
class UnavailableServices implements NodeServices {

    @Override
    public JobCommandService commands() {
        throw new UnavailableException("no commands in this test");
    }

    @Override
    public JobQueryService queries() {
        throw new UnavailableException("no queries in this test");
    }

    @Override
    public WorkerService workers() {
        throw new UnavailableException("no workers in this test");
    }

    @Override
    public HealthService health() {
        throw new UnavailableException("no health in this test");
    }

    @Override
    public TokenService tokens() {
        throw new UnavailableException("no tokens in this test");
    }

    @Override
    public ClusterService cluster() {
        throw new UnavailableException("no cluster in this test");
    }

    @Override
    public EventStreams events() {
        throw new UnavailableException("no events in this test");
    }

    @Override
    public List<ExecutionBackend> backends() {
        return List.of();
    }

    @Override
    public Map<Plugin, List<String>> plugins() {
        return Map.of();
    }
}
