package dev.blixard.api.job;

/** Ascending or descending. */
public enum SortOrder {
    ASC,
    DESC
}
