package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.worker.Worker;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The node's {@link HealthService} in the running runtime: ready with every part reported (store leader,
 * queue, the agent's mock worker, the mock backend, built-in validators and allocators) and up, but for a
 * backend whose engine this machine lacks, which says so; and a plugin whose
 * health check throws shown as down by name while the node stays ready, only degraded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NodeHealthTest extends BlixardTestSupport {

    @Test
    public void aReadyNodeReportsEveryPart() {
        HealthService health = awaitService(HealthService.class);
        Map<String, Health> components = Poll.until(SERVICE_TIMEOUT_MS, health::components,
                parts -> parts.containsKey("agent:mock") && parts.get("store").state() == HealthState.UP
                        && onlyBackendsWithoutTheirEngineAreDown(parts));
        assertTrue("ready: " + health.overall(), health.ready());
        assertTrue("everything but a backend whose engine is not on this machine is up: " + components,
                onlyBackendsWithoutTheirEngineAreDown(components));
        assertEquals("leader", components.get("store").message());
        assertEquals(HealthState.UP, components.get("queue").state());
        assertTrue(components.get("agent:mock").details().get("worker").endsWith(":mock"));
        for (String part : List.of("backend:mock", "validator:blixard.validator.payload",
                "allocator:blixard.allocator.firstfit")) {
            assertEquals(part + " in " + components.keySet(), HealthState.UP, components.get(part).state());
        }
    }

    /**
     * A backend whose engine this machine lacks (the docker backend when no Docker engine answers at its
     * socket) is down and says why, and its worker in the agent is degraded by it; everything else is up.
     */
    private static boolean onlyBackendsWithoutTheirEngineAreDown(Map<String, Health> components) {
        for (Map.Entry<String, Health> component : components.entrySet()) {
            if (component.getValue().state() == HealthState.UP) {
                continue;
            }
            String name = component.getKey();
            String type = name.startsWith("backend:") ? name.substring("backend:".length())
                    : name.startsWith("agent:") ? name.substring("agent:".length()) : null;
            Health backend = type == null ? null : components.get("backend:" + type);
            if (backend == null || backend.state() != HealthState.DOWN || !backend.message().contains("unavailable")) {
                return false;
            }
        }
        return true;
    }

    @Test
    public void aBrokenPluginIsShownDownButTheNodeStaysReady() {
        HealthService health = awaitService(HealthService.class);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, -1_000);
        ServiceRegistration<ResourceAllocator> broken = bundleContext.registerService(ResourceAllocator.class,
                new ResourceAllocator() {
                    @Override
                    public PluginMetadata metadata() {
                        return new PluginMetadata("test.broken", "1.0.0", "Blixard tests", "Its health check throws.");
                    }

                    @Override
                    public Health health() {
                        throw new IllegalStateException("sensor on fire");
                    }

                    @Override
                    public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
                        return List.of();
                    }
                }, properties);
        try {
            Health plugin = health.components().get("allocator:test.broken");
            assertEquals(HealthState.DOWN, plugin.state());
            assertTrue(plugin.message(), plugin.message().contains("sensor on fire"));
            Health overall = health.overall();
            assertEquals(overall.message(), HealthState.DEGRADED, overall.state());
            assertTrue(overall.message(), overall.message().contains("allocator:test.broken"));
        } finally {
            broken.unregister();
        }
    }
}
