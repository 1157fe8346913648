package dev.blixard.api.job;

/** The field a job listing is ordered by. Ties are broken by job id, so paging is stable. */
public enum JobSort {
    CREATED_AT,
    UPDATED_AT,
    PRIORITY
}
