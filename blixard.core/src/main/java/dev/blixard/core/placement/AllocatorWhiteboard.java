package dev.blixard.core.placement;

import dev.blixard.api.Health;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import dev.blixard.core.validation.PluginFailures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the highest-ranked {@link ResourceAllocator} decide each claim: highest {@code service.ranking},
 * ties to the lowest {@code service.id}, as {@link ServiceReference#compareTo} orders them. The choice is
 * made anew on every claim, so registering a higher-ranked allocator, or raising one's ranking through
 * Config Admin, takes effect on the next claim.
 *
 * <p>Claims never stall on placement: with no allocator registered, or when the deciding one throws or
 * answers something that is not a subset of the candidates within {@code maxJobs}, first fit decides that
 * claim and the failure is logged and shown in {@link #health()}.
 *
 * <p>A ranking set in a {@code .cfg} file of FileInstall is a String, which the framework ranks as 0; use a
 * typed {@code .config} file ({@code service.ranking=I"200"}) or the Web Console.
 */
@Component(service = {JobPlacement.class, AllocatorWhiteboard.class})
public final class AllocatorWhiteboard implements JobPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(AllocatorWhiteboard.class);

    private final ConcurrentMap<ServiceReference<ResourceAllocator>, ResourceAllocator> allocators =
            new ConcurrentHashMap<>();
    private final FirstFitAllocator fallback = new FirstFitAllocator();
    private final PluginFailures failures = new PluginFailures();
    private final AtomicReference<String> lastActive = new AtomicReference<>();

    /** Binds an allocator; if it ranks highest it decides from the next claim on. */
    @Reference(name = "allocators", service = ResourceAllocator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeAllocator")
    void addAllocator(ServiceReference<ResourceAllocator> reference, ResourceAllocator allocator) {
        allocators.put(reference, allocator);
        LOG.info("Allocator {} added with ranking {}", PluginFailures.nameOf(allocator),
                reference.getProperty("service.ranking"));
    }

    void removeAllocator(ServiceReference<ResourceAllocator> reference) {
        ResourceAllocator allocator = allocators.remove(reference);
        if (allocator != null) {
            failures.forget(PluginFailures.nameOf(allocator));
            LOG.info("Allocator {} removed", PluginFailures.nameOf(allocator));
        }
    }

    @Override
    public List<Job> choose(Worker worker, List<Job> candidates, int maxJobs) {
        if (maxJobs <= 0 || candidates.isEmpty()) {
            return List.of();
        }
        ResourceAllocator allocator = active();
        if (allocator == null) {
            return fallback.allocate(worker, candidates, maxJobs);
        }
        String name = PluginFailures.nameOf(allocator);
        List<Job> chosen;
        try {
            chosen = allocator.allocate(worker, candidates, maxJobs);
        } catch (RuntimeException e) {
            return fallBack(name, PluginFailures.describe(e), e, worker, candidates, maxJobs);
        }
        String junk = junkIn(chosen, candidates, maxJobs);
        if (junk != null) {
            return fallBack(name, junk, null, worker, candidates, maxJobs);
        }
        return List.copyOf(chosen);
    }

    /**
     * Tells every bound allocator, not only the one deciding now: a reservation made before a swap would
     * otherwise be kept for ever, and allocators ignore jobs they never placed.
     */
    @Override
    public void released(String jobId) {
        for (ResourceAllocator allocator : allocators.values()) {
            try {
                allocator.deallocate(jobId);
            } catch (RuntimeException e) {
                LOG.warn("Allocator {} failed to release job {}", PluginFailures.nameOf(allocator), jobId, e);
            }
        }
    }

    @Override
    public String activeAllocator() {
        ResourceAllocator allocator = active();
        return allocator == null ? fallback.metadata().name() + " (built in: no allocator registered)"
                : PluginFailures.nameOf(allocator);
    }

    /** @return each allocator that failed and was replaced by first fit for a claim, by name, with counts */
    public Map<String, String> failures() {
        return failures.snapshot();
    }

    /** @return up while the deciding allocator works; degraded, naming them, once allocators have failed */
    public Health health() {
        return failures.health(activeAllocator() + " decides placement");
    }

    private ResourceAllocator active() {
        ServiceReference<ResourceAllocator> best = null;
        for (ServiceReference<ResourceAllocator> reference : allocators.keySet()) {
            // compareTo puts the higher ranking, then the lower service.id, last.
            if (best == null || reference.compareTo(best) > 0) {
                best = reference;
            }
        }
        ResourceAllocator allocator = best == null ? null : allocators.get(best);
        String name = allocator == null ? null : PluginFailures.nameOf(allocator);
        String previous = lastActive.getAndSet(name);
        if (name != null && !name.equals(previous)) {
            LOG.info("Placement is now decided by {} (was {})", name, previous == null ? "first fit" : previous);
        }
        return allocator;
    }

    /** @return what is wrong with an allocator's answer, or {@code null} when it is a proper choice */
    private static String junkIn(List<Job> chosen, List<Job> candidates, int maxJobs) {
        if (chosen == null) {
            return "returned null";
        }
        if (chosen.size() > maxJobs) {
            return "chose " + chosen.size() + " jobs, at most " + maxJobs + " allowed";
        }
        Map<String, Job> byId = new HashMap<>();
        for (Job candidate : candidates) {
            byId.put(candidate.id(), candidate);
        }
        Set<String> seen = new HashSet<>();
        for (Job job : chosen) {
            if (job == null) {
                return "chose a null job";
            }
            if (!job.equals(byId.get(job.id()))) {
                return "chose job " + job.id() + ", which is not a candidate";
            }
            if (!seen.add(job.id())) {
                return "chose job " + job.id() + " twice";
            }
        }
        return null;
    }

    private List<Job> fallBack(String name, String problem, RuntimeException error, Worker worker,
            List<Job> candidates, int maxJobs) {
        if (failures.record(name, problem)) {
            LOG.warn("Allocator {} failed ({}); first fit decides instead until it works", name, problem, error);
        } else {
            LOG.debug("Allocator {} failed again ({}); first fit decided worker {}'s claim", name, problem,
                    worker.id());
        }
        return fallback.allocate(worker, candidates, maxJobs);
    }
}
