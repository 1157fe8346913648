package dev.blixard.examples.csv;

import dev.blixard.api.Health;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Places csv jobs near their data. A worker that carries the label {@value #DATA_DIR_LABEL} (one absolute
 * directory, or several separated by commas) is given first, in queue order, the csv jobs whose
 * {@code dataset} lies under one of those directories, then every other job in queue order; a worker
 * without the label gets plain queue order. Either way a job is taken only if it fits what the worker has
 * free, as with the built-in first fit.
 *
 * <p>The highest-ranked allocator decides all placement on the node, for every worker type, so this one
 * ranks {@value #DEFAULT_RANKING} by default: below the built-in first fit (100), it changes nothing until an
 * operator raises its ranking (see {@link DataLocalityConfig}). Stateless and deterministic: the same worker
 * and candidates always give the same answer, and it reads nothing but its arguments (no disk, no clock).
 */
@Component(service = ResourceAllocator.class, configurationPid = DataLocalityAllocator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "service.ranking:Integer=" + DataLocalityAllocator.DEFAULT_RANKING)
@Designate(ocd = DataLocalityConfig.class)
public final class DataLocalityAllocator implements ResourceAllocator {
    /** The worker label naming the directories whose datasets it prefers. */
    public static final String DATA_DIR_LABEL = "csv.data_dir";
    static final String PID = "blixard.example.csv.locality";
    static final int DEFAULT_RANKING = 50;

    private final PluginMetadata metadata = PluginInfo.metadata(DataLocalityAllocator.class, "csv-data-locality",
            "Gives a worker first the csv jobs whose dataset lies under its csv.data_dir label, then queue order.");
    private final DatasetPaths paths = new DatasetPaths();
    private final String ranking;

    /** Activated by Declarative Services with the component's properties, its ranking among them. */
    @Activate
    public DataLocalityAllocator(Map<String, Object> properties) {
        ranking = String.valueOf(properties.getOrDefault("service.ranking", DEFAULT_RANKING));
    }

    @Override
    public PluginMetadata metadata() {
        return metadata;
    }

    @Override
    public Health health() {
        return Health.up("stateless; prefers csv jobs under the worker's " + DATA_DIR_LABEL + " label")
                .withDetails(Map.of("service_ranking", ranking, "label", DATA_DIR_LABEL));
    }

    @Override
    public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
        List<Path> directories = DatasetPaths.directoriesOf(worker.registration().labels().get(DATA_DIR_LABEL));
        if (directories.isEmpty()) {
            return ResourceBudget.takeInOrder(worker, candidates, maxJobs);
        }
        List<Job> local = new ArrayList<>();
        List<Job> others = new ArrayList<>();
        for (Job job : candidates) {
            (isUnder(job, directories) ? local : others).add(job);
        }
        local.addAll(others);
        return ResourceBudget.takeInOrder(worker, local, maxJobs);
    }

    /** Only csv jobs are read: other types' payloads mean something else, and parsing them costs time. */
    private boolean isUnder(Job job, List<Path> directories) {
        if (!job.workerTypes().contains(CsvProcessor.TYPE)) {
            return false;
        }
        Optional<Path> dataset = paths.datasetOf(job.payload());
        return dataset.isPresent() && directories.stream().anyMatch(dataset.get()::startsWith);
    }
}
