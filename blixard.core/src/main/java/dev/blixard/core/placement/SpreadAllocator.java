package dev.blixard.core.placement;

import dev.blixard.api.Health;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Spreads work for fairness: tenants take turns (in the order they first appear in the queue, each
 * tenant's jobs in queue order), so one tenant's burst does not starve the others; and a claim takes at
 * most a share ({@code max_share}) of the worker's free slots, at least one job, so a burst is spread over
 * several workers instead of filling the first to ask. Resources are respected as in first fit.
 */
@Component(service = ResourceAllocator.class, configurationPid = SpreadAllocator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=0")
@Designate(ocd = SpreadAllocatorConfig.class)
public final class SpreadAllocator implements ResourceAllocator {
    static final String PID = "blixard.allocator.spread";
    static final double DEFAULT_MAX_SHARE = 0.5;

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "Takes turns across tenants and fills only a share of a worker's free slots per claim.");

    private final double maxShare;

    @Activate
    public SpreadAllocator(SpreadAllocatorConfig config) {
        this(config.max_share());
    }

    SpreadAllocator(double maxShare) {
        // Out of range means misconfigured: the default is safer than refusing to place anything.
        this.maxShare = maxShare > 0 && maxShare <= 1 ? maxShare : DEFAULT_MAX_SHARE;
    }

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("stateless; tenants take turns").withDetails(Map.of("max_share", Double.toString(maxShare)));
    }

    @Override
    public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
        int share = Math.max(1, (int) Math.floor(worker.freeSlots() * maxShare));
        return FreeResources.takeInOrder(worker, roundRobinByTenant(candidates), Math.min(maxJobs, share));
    }

    /** @return the candidates reordered so tenants alternate: each one's first job, then each one's second… */
    static List<Job> roundRobinByTenant(List<Job> candidates) {
        Map<String, Iterator<Job>> queues = new LinkedHashMap<>();
        Map<String, List<Job>> byTenant = new LinkedHashMap<>();
        for (Job job : candidates) {
            byTenant.computeIfAbsent(job.tenant(), tenant -> new ArrayList<>()).add(job);
        }
        byTenant.forEach((tenant, jobs) -> queues.put(tenant, jobs.iterator()));
        List<Job> ordered = new ArrayList<>(candidates.size());
        while (!queues.isEmpty()) {
            for (Iterator<Iterator<Job>> turns = queues.values().iterator(); turns.hasNext();) {
                Iterator<Job> queue = turns.next();
                ordered.add(queue.next());
                if (!queue.hasNext()) {
                    turns.remove();
                }
            }
        }
        return ordered;
    }
}
