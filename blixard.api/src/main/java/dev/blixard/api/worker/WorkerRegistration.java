package dev.blixard.api.worker;

import dev.blixard.api.internal.Checks;
import dev.blixard.api.job.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker says about itself when it registers. Registering again with the same id updates it.
 * Built with {@link #builder(String)}; {@link Builder#build()} reports every invalid field at once.
 */
public final class WorkerRegistration {
    /** Most concurrent jobs one worker may declare. */
    public static final int MAX_CAPACITY = 100_000;

    private final String workerId;
    private final List<String> workerTypes;
    private final int capacity;
    private final Resources resources;
    private final Map<String, String> labels;

    private WorkerRegistration(Builder builder) {
        workerId = builder.workerId;
        workerTypes = List.copyOf(builder.workerTypes);
        capacity = builder.capacity;
        resources = builder.resources;
        labels = Map.copyOf(builder.labels);
    }

    /** @param workerId the worker's identifier, chosen by the worker and stable across its restarts */
    public static Builder builder(String workerId) {
        return new Builder(workerId);
    }

    public String workerId() {
        return workerId;
    }

    /** @return the worker types it runs; empty means it takes jobs of any type */
    public List<String> workerTypes() {
        return workerTypes;
    }

    /** @return how many jobs it runs at once */
    public int capacity() {
        return capacity;
    }

    /** @return the compute it offers */
    public Resources resources() {
        return resources;
    }

    /** @return labels that jobs' placement constraints are matched against */
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof WorkerRegistration)) {
            return false;
        }
        WorkerRegistration that = (WorkerRegistration) other;
        return capacity == that.capacity && workerId.equals(that.workerId) && workerTypes.equals(that.workerTypes)
                && resources.equals(that.resources) && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workerId, workerTypes, capacity, resources, labels);
    }

    @Override
    public String toString() {
        return "WorkerRegistration[" + workerId + ", types " + workerTypes + ", capacity " + capacity + "]";
    }

    /** Collects a registration. Not thread-safe. */
    public static final class Builder {
        private final String workerId;
        private List<String> workerTypes = List.of();
        private int capacity = 1;
        private Resources resources = Resources.NONE;
        private Map<String, String> labels = Map.of();

        private Builder(String workerId) {
            this.workerId = workerId;
        }

        public Builder workerTypes(List<String> workerTypes) {
            this.workerTypes = workerTypes;
            return this;
        }

        public Builder workerTypes(String... workerTypes) {
            return workerTypes(List.of(workerTypes));
        }

        /** Default 1. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels == null ? null : new LinkedHashMap<>(labels);
            return this;
        }

        /** @throws dev.blixard.api.InvalidRequestException listing every invalid field */
        public WorkerRegistration build() {
            Checks checks = new Checks();
            checks.matches(workerId, Checks.IDENTIFIER, "worker_id", "worker id");
            checks.allMatch(workerTypes, Checks.WORKER_TYPE, "worker_types", "worker type");
            checks.inRange(capacity, 1, MAX_CAPACITY, "capacity");
            checks.present(resources, "resources");
            checks.labels(labels, "labels");
            checks.throwIfInvalid();
            return new WorkerRegistration(this);
        }
    }
}
