package dev.blixard.api.event;

/** The events of a worker's life, each with its Event Admin topic. */
public enum WorkerEvent {
    REGISTERED,
    DRAINING,
    LOST,
    DEREGISTERED;

    /** Prefix of every worker topic. */
    public static final String TOPIC_PREFIX = "blixard/worker/";
    /** Subscribes to every worker event. */
    public static final String ALL_TOPICS = TOPIC_PREFIX + "*";

    /** @return the topic, for example {@code blixard/worker/LOST} */
    public String topic() {
        return TOPIC_PREFIX + name();
    }
}
