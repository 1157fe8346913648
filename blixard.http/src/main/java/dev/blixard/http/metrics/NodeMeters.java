package dev.blixard.http.metrics;

import dev.blixard.api.Health;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobQueryService;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.event.Event;

/**
 * Every meter of a node in its own Prometheus registry (never a static global one): the queue, the store and
 * the backends read through their services at most once per {@code ttl}, the job event counters and latency,
 * the claim timer and the JVM's meters. {@link #close()} unregisters the JVM listeners and closes the registry.
 */
final class NodeMeters implements Metrics, AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final QueueMeters queue;
    private final StoreMeters store;
    private final BackendMeters backends;
    private final JobEventMeters jobEvents;
    private final ClaimMeters claims;
    private final JvmMeters jvm;

    /**
     * @param queries the query service now, or {@code null}; likewise {@code cluster} and {@code health}
     * @param ttl how long a reading of the services is kept
     */
    NodeMeters(Supplier<JobQueryService> queries, Supplier<ClusterService> cluster, Supplier<HealthService> health,
            Clock clock, Duration ttl) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        this.queue = new QueueMeters(registry,
                new Cached<QueueStats>("queue stats", read(queries, JobQueryService::stats), clock, ttl));
        this.store = new StoreMeters(registry, new Cached<>("cluster status", read(cluster, ClusterService::status),
                clock, ttl));
        this.backends = new BackendMeters(registry, new Cached<Map<String, Health>>("health",
                read(health, HealthService::components), clock, ttl));
        this.jobEvents = new JobEventMeters(registry);
        this.claims = new ClaimMeters(registry);
        this.jvm = new JvmMeters(registry);
    }

    @Override
    public MetricsScrape scrape(String accept) {
        synchronized (this) {
            queue.refresh();
            store.refresh();
            backends.refresh();
        }
        String contentType = ScrapeFormat.contentType(accept);
        return new MetricsScrape(contentType, registry.scrape(contentType));
    }

    @Override
    public ClaimTimer claims() {
        return claims;
    }

    /** Counts a relayed job event. */
    void onEvent(Event event) {
        jobEvents.onEvent(event);
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }

    private static <S, T> Supplier<T> read(Supplier<S> service, Function<S, T> reading) {
        return () -> {
            S current = service.get();
            return current == null ? null : reading.apply(current);
        };
    }
}
