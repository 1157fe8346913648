package dev.blixard.http.metrics;

import dev.blixard.api.event.JobEvent;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobQueryService;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The node's {@link Metrics}: owns a Micrometer Prometheus registry for as long as it is active (closed on
 * deactivation) and counts the job events core relays on Event Admin. The queue, cluster and health services
 * are optional and dynamic: while one is missing its meters have no values.
 */
@Component(service = {Metrics.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + JobEvent.ALL_TOPICS)
public final class MetricsComponent implements Metrics, EventHandler {
    /** How long a reading of the store's figures serves scrapes. */
    static final Duration READING_TTL = Duration.ofSeconds(1);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobQueryService queries;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthService health;

    private final NodeMeters meters = new NodeMeters(() -> queries, () -> cluster, () -> health, Clock.SYSTEM,
            READING_TTL);

    @Override
    public MetricsScrape scrape(String accept) {
        return meters.scrape(accept);
    }

    @Override
    public ClaimTimer claims() {
        return meters.claims();
    }

    @Override
    public void handleEvent(Event event) {
        meters.onEvent(event);
    }

    @Deactivate
    void deactivate() {
        meters.close();
    }
}
