package dev.blixard.api.worker;

/** Whether a worker takes new jobs. */
public enum WorkerStatus {
    /** Heartbeating and taking new jobs. */
    ACTIVE,
    /** Heartbeating, finishing what it holds, taking nothing new. */
    DRAINING,
    /** Missed its heartbeats; its leases lapse and its jobs go back to the queue. */
    LOST
}
