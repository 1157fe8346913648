package dev.blixard.api.job;

import dev.blixard.api.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asks for when it submits a job. Built with {@link #builder(String)}; {@link Builder#build()}
 * checks every field and reports all problems at once as an {@link dev.blixard.api.InvalidRequestException}.
 * Immutable.
 */
public final class JobSubmission {
    /** Default number of attempts before a job is dead-lettered. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Upper bound on attempts, so a poisoned job cannot loop for ever. */
    public static final int MAX_ATTEMPTS_LIMIT = 100;
    /** Priorities lie in [-MAX_PRIORITY, MAX_PRIORITY]; higher runs first. */
    public static final int MAX_PRIORITY = 1_000_000;
    /** Tenant of a submission that names none. */
    public static final String DEFAULT_TENANT = "default";
    /** Longest idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY = 255;

    private final String payload;
    private final List<String> workerTypes;
    private final int priority;
    private final Instant runAfter;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration timeout;
    private final Resources resources;
    private final Map<String, String> labels;
    private final List<String> dependsOn;
    private final String idempotencyKey;
    private final String tenant;

    private JobSubmission(Builder builder) {
        payload = builder.payload;
        workerTypes = List.copyOf(builder.workerTypes);
        priority = builder.priority;
        runAfter = builder.runAfter;
        maxAttempts = builder.maxAttempts;
        backoff = builder.backoff;
        timeout = builder.timeout;
        resources = builder.resources;
        labels = Map.copyOf(builder.labels);
        dependsOn = List.copyOf(builder.dependsOn);
        idempotencyKey = builder.idempotencyKey;
        tenant = builder.tenant;
    }

    /**
     * @param payload the job's input as JSON text (any JSON value); opaque to Blixard
     */
    public static Builder builder(String payload) {
        return new Builder(payload);
    }

    /** @return the job's input as JSON text */
    public String payload() {
        return payload;
    }

    /** @return the worker types that may run the job; empty means any worker */
    public List<String> workerTypes() {
        return workerTypes;
    }

    /** @return the priority; higher is claimed first, FIFO within a priority */
    public int priority() {
        return priority;
    }

    /** @return the earliest time the job may be claimed, if any */
    public Optional<Instant> runAfter() {
        return Optional.ofNullable(runAfter);
    }

    /** @return how many attempts the job gets before it is dead-lettered */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the delay policy between attempts */
    public Backoff backoff() {
        return backoff;
    }

    /** @return the wall-clock limit of one attempt, if any */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** @return the compute the job needs */
    public Resources resources() {
        return resources;
    }

    /**
     * @return labels for placement strategies to read; the built-in label-affinity allocator treats
     *         {@code require.<key>} as a constraint (the worker must carry {@code <key>} with that value) and
     *         {@code prefer.<key>} as a preference
     */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * @return ids of jobs that must complete before this one may run; in a batch, {@code batch:<n>} names the
     *         n-th (from 0) earlier job of the same batch
     */
    public List<String> dependsOn() {
        return dependsOn;
    }

    /** @return the key that makes a repeated submit return the first job, if any */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** @return the namespace the job belongs to */
    public String tenant() {
        return tenant;
    }

    /** @return a builder holding this submission's values */
    public Builder toBuilder() {
        Builder builder = new Builder(payload)
                .workerTypes(workerTypes)
                .priority(priority)
                .runAfter(runAfter)
                .maxAttempts(maxAttempts)
                .backoff(backoff)
                .timeout(timeout)
                .resources(resources)
                .labels(labels)
                .dependsOn(dependsOn)
                .idempotencyKey(idempotencyKey)
                .tenant(tenant);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof JobSubmission)) {
            return false;
        }
        JobSubmission that = (JobSubmission) other;
        return priority == that.priority && maxAttempts == that.maxAttempts && payload.equals(that.payload)
                && workerTypes.equals(that.workerTypes) && Objects.equals(runAfter, that.runAfter)
                && backoff.equals(that.backoff) && Objects.equals(timeout, that.timeout)
                && resources.equals(that.resources) && labels.equals(that.labels) && dependsOn.equals(that.dependsOn)
                && Objects.equals(idempotencyKey, that.idempotencyKey) && tenant.equals(that.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payload, workerTypes, priority, runAfter, maxAttempts, backoff, timeout, resources, labels,
                dependsOn, idempotencyKey, tenant);
    }

    @Override
    public String toString() {
        return "JobSubmission[workerTypes=" + workerTypes + ", priority=" + priority + ", tenant=" + tenant
                + ", payload=" + payload.length() + " chars]";
    }

    /** Collects a submission's fields; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final String payload;
        private List<String> workerTypes = List.of();
        private int priority;
        private Instant runAfter;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Backoff backoff = Backoff.DEFAULT;
        private Duration timeout;
        private Resources resources = Resources.NONE;
        private Map<String, String> labels = Map.of();
        private List<String> dependsOn = List.of();
        private String idempotencyKey;
        private String tenant = DEFAULT_TENANT;

        private Builder(String payload) {
            this.payload = payload;
        }

        /** Worker types that may run the job; empty (the default) means any. */
        public Builder workerTypes(List<String> workerTypes) {
            this.workerTypes = workerTypes;
            return this;
        }

        /** Worker types that may run the job. */
        public Builder workerTypes(String... workerTypes) {
            return workerTypes(List.of(workerTypes));
        }

        /** Higher is claimed first; default 0. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Not claimed before this time; {@code null} (the default) means at once. */
        public Builder runAfter(Instant runAfter) {
            this.runAfter = runAfter;
            return this;
        }

        /** Attempts before dead-lettering; default {@value JobSubmission#DEFAULT_MAX_ATTEMPTS}. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Delay policy between attempts; default {@link Backoff#DEFAULT}. */
        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** Wall-clock limit of one attempt; {@code null} (the default) means the backend's default. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Compute the job needs; default {@link Resources#NONE}. */
        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        /** Placement constraints. */
        public Builder labels(Map<String, String> labels) {
            this.labels = labels == null ? null : new LinkedHashMap<>(labels);
            return this;
        }

        /** Jobs that must complete first. */
        public Builder dependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
            return this;
        }

        /** Makes a repeated submit with the same key return the first job. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** Namespace of the job; default {@value JobSubmission#DEFAULT_TENANT}. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * @return the submission
         * @throws dev.blixard.api.InvalidRequestException listing every invalid field
         */
        public JobSubmission build() {
            Checks checks = new Checks();
            if (checks.present(payload, "payload")) {
                checks.check(!payload.isBlank(), "payload", "must be a JSON value, not empty text");
            }
            checks.allMatch(workerTypes, Checks.WORKER_TYPE, "worker_types", "worker type");
            if (workerTypes != null) {
                checks.check(workerTypes.stream().distinct().count() == workerTypes.size(), "worker_types",
                        "lists a worker type twice");
            }
            checks.inRange(priority, -MAX_PRIORITY, MAX_PRIORITY, "priority");
            checks.inRange(maxAttempts, 1, MAX_ATTEMPTS_LIMIT, "max_attempts");
            checks.present(backoff, "backoff");
            checks.positiveIfPresent(timeout, "timeout_ms");
            checks.present(resources, "resources");
            checks.labels(labels, "labels");
            checks.allMatch(dependsOn, Checks.IDENTIFIER, "depends_on", "job id");
            if (dependsOn != null) {
                checks.check(dependsOn.stream().distinct().count() == dependsOn.size(), "depends_on",
                        "lists a job twice");
            }
            if (idempotencyKey != null) {
                checks.check(!idempotencyKey.isBlank() && idempotencyKey.length() <= MAX_IDEMPOTENCY_KEY,
                        "idempotency_key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
            }
            checks.matches(tenant, Checks.TENANT, "tenant", "tenant");
            checks.throwIfInvalid();
            return new JobSubmission(this);
        }
    }
}
