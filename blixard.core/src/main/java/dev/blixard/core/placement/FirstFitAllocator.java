package dev.blixard.core.placement;

import dev.blixard.api.Health;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The default placement: walks the candidates in queue order and takes each job that fits in what the
 * worker still has free, so priority and age are honoured exactly. Ranked 100, so it decides unless an
 * operator ranks another allocator higher. The placement whiteboard also uses it directly as the fallback
 * when no allocator is registered or the chosen one fails.
 */
@Component(service = ResourceAllocator.class, configurationPid = FirstFitAllocator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "service.ranking:Integer=" + FirstFitAllocator.DEFAULT_RANKING)
@Designate(ocd = FirstFitConfig.class)
public final class FirstFitAllocator implements ResourceAllocator {
    static final String PID = "blixard.allocator.firstfit";
    static final int DEFAULT_RANKING = 100;

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "Takes claimable jobs in queue order while they fit the worker's free resources.");

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("stateless; queue order");
    }

    @Override
    public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
        return FreeResources.takeInOrder(worker, candidates, maxJobs);
    }
}
