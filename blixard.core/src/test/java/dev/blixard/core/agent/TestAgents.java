package dev.blixard.core.agent;

import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.WorkerService;
import dev.blixard.backend.mock.MockExecutionBackend;
import dev.blixard.testing.ConfigProxy;
import java.util.Map;

/** Agents and mock backends without OSGi, for tests and the benchmark in other packages. */
public final class TestAgents {

    private TestAgents() {
    }

    /** @param config overrides of {@link AgentConfig} */
    public static WorkerAgent start(Map<String, Object> config, String nodeId, JobCommandService jobs,
            WorkerService workers) {
        return new WorkerAgent(ConfigProxy.of(AgentConfig.class, config), nodeId, jobs, workers);
    }

    public static void bind(WorkerAgent agent, ExecutionBackend backend) {
        agent.bindBackend(backend, Map.of());
    }

    public static void stop(WorkerAgent agent) {
        agent.deactivate();
    }

    /** @param config overrides of the mock's configuration; latency is zero unless given */
    public static MockExecutionBackend mockBackend(Map<String, Object> config) {
        return MockBackends.start(config);
    }

    public static void stopMock(MockExecutionBackend backend) {
        MockBackends.stop(backend);
    }
}
