package dev.blixard.core.placement;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Test objects for placement, built with the API's builders. */
final class Placements {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Placements() {
    }

    static Job job(String id, Resources resources) {
        return job(id, JobSubmission.builder("{}").resources(resources));
    }

    static Job job(String id, String tenant) {
        return job(id, JobSubmission.builder("{}").tenant(tenant));
    }

    static Job job(String id, Map<String, String> labels) {
        return job(id, JobSubmission.builder("{}").labels(labels));
    }

    static Job job(String id) {
        return job(id, Resources.NONE);
    }

    static Job job(String id, JobSubmission.Builder submission) {
        return Job.builder(id, submission.build(), NOW).build();
    }

    /** A worker with {@code capacity} free slots and {@code free} resources (0 = not limited). */
    static Worker worker(int capacity, Resources free) {
        return worker(capacity, free, Map.of());
    }

    static Worker worker(int capacity, Resources free, Map<String, String> labels) {
        return worker(capacity, 0, free, labels);
    }

    /** A worker declaring {@code capacity} slots of which {@code running} are taken. */
    static Worker worker(int capacity, int running, Resources free, Map<String, String> labels) {
        WorkerRegistration registration = WorkerRegistration.builder("worker-1").capacity(capacity).resources(free)
                .labels(labels).build();
        return new Worker(registration, WorkerStatus.ACTIVE, Collections.nCopies(running, "busy"), null, NOW, NOW);
    }

    static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }
}
