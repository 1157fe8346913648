package dev.blixard.api.job;

import dev.blixard.api.internal.Checks;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A filter, order and page request for listing jobs. Built with {@link #builder()}; absent filters match
 * every job. Immutable.
 */
public final class JobQuery {
    /** Page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    private final Set<JobStatus> statuses;
    private final String workerType;
    private final String tenant;
    private final JobSort sort;
    private final SortOrder order;
    private final int limit;
    private final String cursor;

    private JobQuery(Builder builder) {
        statuses = builder.statuses.isEmpty() ? Set.of() : Set.copyOf(builder.statuses);
        workerType = builder.workerType;
        tenant = builder.tenant;
        sort = builder.sort;
        order = builder.order;
        limit = builder.limit;
        cursor = builder.cursor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the statuses to include; empty means all */
    public Set<JobStatus> statuses() {
        return statuses;
    }

    /** @return only jobs runnable by this worker type (or by any), if set */
    public Optional<String> workerType() {
        return Optional.ofNullable(workerType);
    }

    /** @return only jobs of this tenant, if set */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    public JobSort sort() {
        return sort;
    }

    public SortOrder order() {
        return order;
    }

    /** @return the page size */
    public int limit() {
        return limit;
    }

    /** @return where the page starts, as returned by the previous page, if any */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** Collects a query; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private final Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        private String workerType;
        private String tenant;
        private JobSort sort = JobSort.CREATED_AT;
        private SortOrder order = SortOrder.DESC;
        private int limit = DEFAULT_LIMIT;
        private String cursor;

        private Builder() {
        }

        /** Adds statuses to include. */
        public Builder status(JobStatus... statuses) {
            this.statuses.addAll(Set.of(statuses));
            return this;
        }

        public Builder workerType(String workerType) {
            this.workerType = workerType;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** Default: newest first by creation time. */
        public Builder sort(JobSort sort, SortOrder order) {
            this.sort = sort;
            this.order = order;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /** @throws dev.blixard.api.InvalidRequestException listing every invalid field */
        public JobQuery build() {
            Checks checks = new Checks();
            if (workerType != null) {
                checks.matches(workerType, Checks.WORKER_TYPE, "worker_type", "worker type");
            }
            if (tenant != null) {
                checks.matches(tenant, Checks.TENANT, "tenant", "tenant");
            }
            checks.present(sort, "sort");
            checks.present(order, "order");
            checks.inRange(limit, 1, MAX_LIMIT, "limit");
            checks.check(cursor == null || !cursor.isBlank(), "cursor", "must not be empty");
            checks.throwIfInvalid();
            return new JobQuery(this);
        }
    }
}
