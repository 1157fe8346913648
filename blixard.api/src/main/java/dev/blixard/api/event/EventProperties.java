package dev.blixard.api.event;

/**
 * Keys of the properties Blixard events carry. Values are Strings unless stated; absent keys mean not
 * applicable.
 */
public final class EventProperties {
    /** The job's id. */
    public static final String JOB_ID = "job.id";
    /** The job's status after the event, its display name (for example {@code InProgress}). */
    public static final String JOB_STATUS = "job.status";
    /** The job's status before the event. */
    public static final String JOB_PREVIOUS_STATUS = "job.previous_status";
    /** The job's attempt number, an Integer. */
    public static final String JOB_ATTEMPT = "job.attempt";
    /** The job's worker types, a String[]. */
    public static final String JOB_WORKER_TYPES = "job.worker_types";
    /**
     * When the job was submitted, epoch milliseconds as a Long: with {@link #TIMESTAMP} of its completion, the
     * job's whole time in the system.
     */
    public static final String JOB_CREATED_AT = "job.created_at";
    /** The job's tenant. */
    public static final String TENANT = "tenant";
    /** The worker involved. */
    public static final String WORKER_ID = "worker.id";
    /** The node that committed the event. */
    public static final String NODE_ID = "node.id";
    /** An error or reason text. */
    public static final String REASON = "reason";
    /** When the change was committed, epoch milliseconds as a Long. */
    public static final String TIMESTAMP = "timestamp";
    /** The replicated log index of the change, a Long: orders events and lets a stream resume. */
    public static final String LOG_INDEX = "log.index";

    private EventProperties() {
    }
}
