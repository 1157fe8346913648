package dev.blixard.core.placement;

import dev.blixard.api.Health;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Places by labels. A job label {@code require.<key>=<value>} is a hard constraint: the worker must carry
 * the label {@code <key>=<value>}, or the job is not for it. A job label {@code prefer.<key>=<value>} is a
 * wish: jobs all of whose preferences this worker meets come first (in queue order), then the rest, so
 * the worker serves the jobs that want it before those that merely accept it. Resources as in first fit.
 */
@Component(service = ResourceAllocator.class, configurationPid = LabelAffinityAllocator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=0")
@Designate(ocd = AllocatorConfig.class)
public final class LabelAffinityAllocator implements ResourceAllocator {
    static final String PID = "blixard.allocator.labelaffinity";
    static final String REQUIRE = "require.";
    static final String PREFER = "prefer.";

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "Honours require.* labels as constraints and serves jobs whose prefer.* labels match first.");

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("stateless; require.* and prefer.* labels");
    }

    @Override
    public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
        Map<String, String> workerLabels = worker.registration().labels();
        List<Job> preferred = new ArrayList<>();
        List<Job> others = new ArrayList<>();
        for (Job job : candidates) {
            if (meets(job.labels(), REQUIRE, workerLabels)) {
                (hasAny(job.labels(), PREFER) && meets(job.labels(), PREFER, workerLabels) ? preferred : others)
                        .add(job);
            }
        }
        preferred.addAll(others);
        return FreeResources.takeInOrder(worker, preferred, maxJobs);
    }

    /** @return whether {@code workerLabels} carry every job label under {@code prefix}, with the prefix cut off */
    private static boolean meets(Map<String, String> jobLabels, String prefix, Map<String, String> workerLabels) {
        for (Map.Entry<String, String> label : jobLabels.entrySet()) {
            if (label.getKey().startsWith(prefix)
                    && !label.getValue().equals(workerLabels.get(label.getKey().substring(prefix.length())))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasAny(Map<String, String> labels, String prefix) {
        return labels.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }
}
