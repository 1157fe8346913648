package dev.blixard.api.service;

import dev.blixard.api.internal.Checks;
import java.time.Duration;
import java.util.List;

/**
 * A worker's request for jobs. Built with {@link #builder(String)}.
 *
 * <p>A claim returns up to {@link #maxJobs()} pending jobs whose worker types include one of
 * {@link #workerTypes()} (or that accept any worker), highest priority first and first-in first-out within
 * a priority, whose run-after time has passed and whose dependencies have all completed. Each comes with a
 * lease of {@link #lease()} that the worker must renew by heartbeats. When none is claimable the claim
 * waits up to {@link #waitFor()} for one to appear.
 *
 * <p>A worker that begins every job the moment it has it may ask for {@link #startsOnClaim()}: its jobs are
 * then claimed and started in one change (both events are still recorded, in order), and it reports no
 * separate start.
 */
public final class ClaimRequest {
    /** Lease when none is asked for. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Shortest and longest lease. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);
    public static final Duration MAX_LEASE = Duration.ofHours(1);
    /** Longest long-poll. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** Most jobs in one claim. */
    public static final int MAX_JOBS = 1000;

    private final String workerId;
    private final List<String> workerTypes;
    private final int maxJobs;
    private final Duration lease;
    private final Duration waitFor;
    private final boolean startsOnClaim;

    private ClaimRequest(Builder builder) {
        workerId = builder.workerId;
        workerTypes = List.copyOf(builder.workerTypes);
        maxJobs = builder.maxJobs;
        lease = builder.lease;
        waitFor = builder.waitFor;
        startsOnClaim = builder.startsOnClaim;
    }

    /** @param workerId the claiming worker */
    public static Builder builder(String workerId) {
        return new Builder(workerId);
    }

    public String workerId() {
        return workerId;
    }

    /** @return the worker types the worker runs; empty means only jobs that accept any worker */
    public List<String> workerTypes() {
        return workerTypes;
    }

    public int maxJobs() {
        return maxJobs;
    }

    public Duration lease() {
        return lease;
    }

    /** @return how long to wait for a job when none is claimable now; zero means answer at once */
    public Duration waitFor() {
        return waitFor;
    }

    /** @return whether the claimed jobs come back already {@code InProgress}, their attempt started */
    public boolean startsOnClaim() {
        return startsOnClaim;
    }

    @Override
    public String toString() {
        return "ClaimRequest[" + workerId + ", types " + workerTypes + ", max " + maxJobs + ", lease " + lease
                + ", wait " + waitFor + (startsOnClaim ? ", starts on claim" : "") + "]";
    }

    /** Collects a claim. Not thread-safe. */
    public static final class Builder {
        private final String workerId;
        private List<String> workerTypes = List.of();
        private int maxJobs = 1;
        private Duration lease = DEFAULT_LEASE;
        private Duration waitFor = Duration.ZERO;
        private boolean startsOnClaim;

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
        public Builder maxJobs(int maxJobs) {
            this.maxJobs = maxJobs;
            return this;
        }

        /** Default {@link ClaimRequest#DEFAULT_LEASE}. */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** Default zero: no long-poll. */
        public Builder waitFor(Duration waitFor) {
            this.waitFor = waitFor;
            return this;
        }

        /** Default false: claimed jobs are {@code Claimed} until the worker reports their start. */
        public Builder startsOnClaim(boolean startsOnClaim) {
            this.startsOnClaim = startsOnClaim;
            return this;
        }

        /** @throws dev.blixard.api.InvalidRequestException listing every invalid field */
        public ClaimRequest build() {
            Checks checks = new Checks();
            checks.matches(workerId, Checks.IDENTIFIER, "worker_id", "worker id");
            checks.allMatch(workerTypes, Checks.WORKER_TYPE, "worker_types", "worker type");
            checks.inRange(maxJobs, 1, MAX_JOBS, "max_jobs");
            if (checks.present(lease, "lease_ms")) {
                checks.check(lease.compareTo(MIN_LEASE) >= 0 && lease.compareTo(MAX_LEASE) <= 0, "lease_ms",
                        lease.toMillis() + " is out of range [" + MIN_LEASE.toMillis() + ", " + MAX_LEASE.toMillis()
                                + "]");
            }
            if (checks.present(waitFor, "wait_ms")) {
                checks.check(!waitFor.isNegative() && waitFor.compareTo(MAX_WAIT) <= 0, "wait_ms",
                        waitFor.toMillis() + " is out of range [0, " + MAX_WAIT.toMillis() + "]");
            }
            checks.throwIfInvalid();
            return new ClaimRequest(this);
        }
    }
}
