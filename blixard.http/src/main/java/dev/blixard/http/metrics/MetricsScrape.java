package dev.blixard.http.metrics;

import java.util.Objects;

/**
 * One scrape of the node's meters.
 *
 * @param contentType the exposition format's media type, with its version and charset
 * @param text the meters in that format
 */
public record MetricsScrape(String contentType, String text) {

    public MetricsScrape {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(text, "text");
    }
}
