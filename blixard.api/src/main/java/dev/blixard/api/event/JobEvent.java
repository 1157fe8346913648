package dev.blixard.api.event;

import dev.blixard.api.job.JobStatus;

/** The events of a job's life-cycle, each with its Event Admin topic. */
public enum JobEvent {
    SUBMITTED(JobStatus.PENDING),
    CLAIMED(JobStatus.CLAIMED),
    STARTED(JobStatus.IN_PROGRESS),
    COMPLETED(JobStatus.COMPLETED),
    /** An attempt failed and the job waits for its next attempt. */
    RETRY_SCHEDULED(JobStatus.PENDING),
    /** The job went back to the queue without counting an attempt, or its lease lapsed. */
    REQUEUED(JobStatus.PENDING),
    /** The job failed for good: the dead letter. */
    FAILED(JobStatus.FAILED),
    CANCELLED(JobStatus.CANCELLED),
    /** A finished job was put back to Pending by a person. */
    RETRIED(JobStatus.PENDING);

    /** Prefix of every job topic. */
    public static final String TOPIC_PREFIX = "blixard/job/";
    /** Subscribes to every job event. */
    public static final String ALL_TOPICS = TOPIC_PREFIX + "*";

    private final JobStatus status;

    JobEvent(JobStatus status) {
        this.status = status;
    }

    /** @return the topic, for example {@code blixard/job/COMPLETED} */
    public String topic() {
        return TOPIC_PREFIX + name();
    }

    /** @return the job's status after the event */
    public JobStatus status() {
        return status;
    }
}
