package dev.blixard.api.backend;

/**
 * What an execution consumed, where the technology tells. A value of -1 means unknown.
 *
 * @param cpuTimeMillis user plus system CPU time
 * @param maxRssBytes peak resident memory
 */
public record ResourceUsage(long cpuTimeMillis, long maxRssBytes) {
    /** Nothing known. */
    public static final ResourceUsage UNKNOWN = new ResourceUsage(-1, -1);
}
