package dev.blixard.http.metrics;

import java.util.Locale;

/** The exposition format a scrape answers in: OpenMetrics when the scraper asks for it, else Prometheus text. */
final class ScrapeFormat {
    /** The Prometheus text format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics text. */
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private ScrapeFormat() {
    }

    /** @return the content type to answer {@code accept} (an {@code Accept} header, or {@code null}) with */
    static String contentType(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? OPENMETRICS : PROMETHEUS_TEXT;
    }
}
