package dev.blixard.http.metrics;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code blixard_backend_up{type}}: each execution backend's health as the node's health service reports it
 * (its {@code backend:<type>} components): 1 up, 0.5 degraded, 0 down. Without a health service there are no
 * values.
 */
final class BackendMeters {
    static final String PREFIX = "backend:";

    private final Cached<Map<String, Health>> components;
    private final MultiGauge up;

    BackendMeters(MeterRegistry registry, Cached<Map<String, Health>> components) {
        this.components = components;
        this.up = MultiGauge.builder("blixard.backend.up")
                .description("Execution backend health on this node: 1 up, 0.5 degraded, 0 down").register(registry);
    }

    /** Sets the gauge from the health components, read at most once per time to live. */
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        components.get().ifPresent(all -> all.forEach((name, health) -> {
            if (name.startsWith(PREFIX)) {
                rows.add(MultiGauge.Row.of(Tags.of("type", name.substring(PREFIX.length())), value(health.state())));
            }
        }));
        up.register(rows, true);
    }

    static double value(HealthState state) {
        switch (state) {
            case UP:
                return 1;
            case DEGRADED:
                return 0.5;
            default:
                return 0;
        }
    }
}
