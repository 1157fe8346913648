package dev.blixard.http.metrics;

/**
 * The node's metrics, as the HTTP endpoints use them: the {@code /metrics} servlet scrapes them, the REST API
 * times claims with them. Registered by {@link MetricsComponent}.
 */
public interface Metrics {

    /**
     * Reads every meter now (the queue, store and health figures are at most about a second old).
     *
     * @param accept the scraper's {@code Accept} header, or {@code null}: OpenMetrics when it asks for
     *        {@code application/openmetrics-text}, else the Prometheus text format 0.0.4
     */
    MetricsScrape scrape(String accept);

    /** @return what times the REST API's claims */
    ClaimTimer claims();
}
