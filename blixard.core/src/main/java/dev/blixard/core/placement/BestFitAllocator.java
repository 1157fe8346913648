package dev.blixard.core.placement;

import dev.blixard.api.Health;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Packs workers tightly: of the candidates that fit, it takes the one that leaves the smallest share of the
 * worker's limited resources free, then looks again with what is left. Large jobs thus land where they
 * fill a worker, leaving whole workers free for other large jobs. Jobs that request nothing the worker
 * limits do not pack and come after those that do; equal scores keep queue order.
 *
 * <p>Costs up to {@code maxJobs} passes over the candidates per claim.
 */
@Component(service = ResourceAllocator.class, configurationPid = BestFitAllocator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=0")
@Designate(ocd = AllocatorConfig.class)
public final class BestFitAllocator implements ResourceAllocator {
    static final String PID = "blixard.allocator.bestfit";

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "Takes the fitting jobs that leave the least of the worker's resources unused.");

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("stateless; tightest packing first");
    }

    @Override
    public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
        FreeResources free = FreeResources.of(worker);
        List<Job> remaining = new ArrayList<>(candidates);
        List<Job> chosen = new ArrayList<>();
        while (chosen.size() < maxJobs) {
            Job best = null;
            boolean bestPacks = false;
            double bestLeftover = Double.MAX_VALUE;
            for (Iterator<Job> jobs = remaining.iterator(); jobs.hasNext();) {
                Job job = jobs.next();
                if (!free.fits(job)) {
                    // Free resources only shrink within a claim: a job that does not fit now never will.
                    jobs.remove();
                    continue;
                }
                boolean packs = free.packs(job);
                double leftover = free.leftoverAfter(job);
                // Strictly better only, so that the earliest in queue order wins a tie.
                if (best == null || (packs && !bestPacks) || (packs == bestPacks && leftover < bestLeftover)) {
                    best = job;
                    bestPacks = packs;
                    bestLeftover = leftover;
                }
            }
            if (best == null) {
                break;
            }
            free.take(best);
            chosen.add(best);
            remaining.remove(best);
        }
        return chosen;
    }
}
