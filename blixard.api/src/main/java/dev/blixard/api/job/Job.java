package dev.blixard.api.job;

import dev.blixard.api.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the queue knows it: what was submitted ({@link #spec()}) and where it stands in its life-cycle.
 * Immutable; a snapshot at the time it was read. Core builds these; plugins and clients read them.
 */
public final class Job {
    private final String id;
    private final JobSubmission spec;
    private final JobStatus status;
    private final int attempt;
    private final String workerId;
    private final Instant leaseExpiresAt;
    private final String result;
    private final String error;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant claimedAt;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final List<JobAttempt> attempts;

    private Job(Builder builder) {
        id = builder.id;
        spec = builder.spec;
        status = builder.status;
        attempt = builder.attempt;
        workerId = builder.workerId;
        leaseExpiresAt = builder.leaseExpiresAt;
        result = builder.result;
        error = builder.error;
        createdAt = builder.createdAt;
        updatedAt = builder.updatedAt == null ? builder.createdAt : builder.updatedAt;
        claimedAt = builder.claimedAt;
        startedAt = builder.startedAt;
        finishedAt = builder.finishedAt;
        attempts = List.copyOf(builder.attempts);
    }

    /**
     * @param id the job's identifier
     * @param spec what was submitted
     * @param createdAt when it was accepted
     */
    public static Builder builder(String id, JobSubmission spec, Instant createdAt) {
        return new Builder(id, spec, createdAt);
    }

    /** @return the identifier, unique cluster-wide and ordered by submission time */
    public String id() {
        return id;
    }

    /** @return everything the client submitted */
    public JobSubmission spec() {
        return spec;
    }

    /** @return the job's input as JSON text */
    public String payload() {
        return spec.payload();
    }

    /** @return the worker types that may run the job; empty means any */
    public List<String> workerTypes() {
        return spec.workerTypes();
    }

    /** @return the compute the job needs */
    public Resources resources() {
        return spec.resources();
    }

    /** @return placement constraints */
    public Map<String, String> labels() {
        return spec.labels();
    }

    /** @return the wall-clock limit of one attempt, if any */
    public Optional<Duration> timeout() {
        return spec.timeout();
    }

    /** @return the job's namespace */
    public String tenant() {
        return spec.tenant();
    }

    /** @return the current status */
    public JobStatus status() {
        return status;
    }

    /** @return the number of the current or last attempt; 0 before the first claim */
    public int attempt() {
        return attempt;
    }

    /** @return the worker holding the lease (or that held it last), if any */
    public Optional<String> workerId() {
        return Optional.ofNullable(workerId);
    }

    /** @return when the current lease lapses unless extended, while the job is leased */
    public Optional<Instant> leaseExpiresAt() {
        return Optional.ofNullable(leaseExpiresAt);
    }

    /** @return the result as JSON text, once completed */
    public Optional<String> result() {
        return Optional.ofNullable(result);
    }

    /** @return the last error, when an attempt failed or the job was stopped */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** @return when the job was accepted */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when the job last changed */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** @return when the current attempt was claimed */
    public Optional<Instant> claimedAt() {
        return Optional.ofNullable(claimedAt);
    }

    /** @return when the current attempt started running */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** @return when the job finished */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** @return the attempt history, oldest first; may be empty when the reader did not ask for it */
    public List<JobAttempt> attempts() {
        return attempts;
    }

    /** @return a builder holding this job's values, to describe its next state */
    public Builder toBuilder() {
        return new Builder(id, spec, createdAt)
                .status(status)
                .attempt(attempt)
                .workerId(workerId)
                .leaseExpiresAt(leaseExpiresAt)
                .result(result)
                .error(error)
                .updatedAt(updatedAt)
                .claimedAt(claimedAt)
                .startedAt(startedAt)
                .finishedAt(finishedAt)
                .attempts(attempts);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Job)) {
            return false;
        }
        Job that = (Job) other;
        return attempt == that.attempt && id.equals(that.id) && spec.equals(that.spec) && status == that.status
                && Objects.equals(workerId, that.workerId) && Objects.equals(leaseExpiresAt, that.leaseExpiresAt)
                && Objects.equals(result, that.result) && Objects.equals(error, that.error)
                && createdAt.equals(that.createdAt) && updatedAt.equals(that.updatedAt)
                && Objects.equals(claimedAt, that.claimedAt) && Objects.equals(startedAt, that.startedAt)
                && Objects.equals(finishedAt, that.finishedAt) && attempts.equals(that.attempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, attempt, updatedAt);
    }

    @Override
    public String toString() {
        return "Job[" + id + ", " + status + ", attempt " + attempt + (workerId == null ? "" : ", worker " + workerId)
                + "]";
    }

    /** Collects a job's state; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final JobSubmission spec;
        private final Instant createdAt;
        private JobStatus status = JobStatus.PENDING;
        private int attempt;
        private String workerId;
        private Instant leaseExpiresAt;
        private String result;
        private String error;
        private Instant updatedAt;
        private Instant claimedAt;
        private Instant startedAt;
        private Instant finishedAt;
        private List<JobAttempt> attempts = List.of();

        private Builder(String id, JobSubmission spec, Instant createdAt) {
            this.id = id;
            this.spec = spec;
            this.createdAt = createdAt;
        }

        public Builder status(JobStatus status) {
            this.status = status;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Builder leaseExpiresAt(Instant leaseExpiresAt) {
            this.leaseExpiresAt = leaseExpiresAt;
            return this;
        }

        /** The result as JSON text. */
        public Builder result(String result) {
            this.result = result;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder claimedAt(Instant claimedAt) {
            this.claimedAt = claimedAt;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /** The attempt history, oldest first. */
        public Builder attempts(List<JobAttempt> attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * @return the job
         * @throws dev.blixard.api.InvalidRequestException when the state is inconsistent, for example a
         *         leased status without a worker
         */
        public Job build() {
            Checks checks = new Checks();
            checks.matches(id, Checks.IDENTIFIER, "id", "job id");
            checks.present(spec, "spec");
            checks.present(createdAt, "created_at");
            if (checks.present(status, "status") && status.isLeased()) {
                checks.check(workerId != null, "worker_id", "is required while the job is " + status);
                checks.check(leaseExpiresAt != null, "lease_expires_at", "is required while the job is " + status);
            }
            checks.check(attempt >= 0, "attempt", "must not be negative");
            checks.check(status != JobStatus.COMPLETED || result != null, "result", "is required once Completed");
            checks.present(attempts, "attempts");
            checks.throwIfInvalid();
            return new Job(this);
        }
    }
}
