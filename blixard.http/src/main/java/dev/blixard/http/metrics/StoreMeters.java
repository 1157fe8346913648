package dev.blixard.http.metrics;

import dev.blixard.api.service.ClusterStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The replicated store as this node sees it, from {@link ClusterStatus}: {@code blixard_store_leader} (1 when
 * this node leads), {@code blixard_store_has_leader}, {@code blixard_store_term},
 * {@code blixard_store_commit_index}, {@code blixard_store_applied_index} and {@code blixard_store_members}.
 * Without a cluster service the gauges have no values.
 */
final class StoreMeters {
    private final Cached<ClusterStatus> status;
    private final List<Field> fields;

    StoreMeters(MeterRegistry registry, Cached<ClusterStatus> status) {
        this.status = status;
        this.fields = List.of(
                new Field(registry, "blixard.store.leader", "1 when this node is the store's Raft leader, else 0",
                        s -> s.nodeId().equals(s.leaderId()) || "LEADER".equals(s.role()) ? 1 : 0),
                new Field(registry, "blixard.store.has.leader", "1 when this node knows of a leader, 0 during an election",
                        s -> s.leaderId() == null ? 0 : 1),
                new Field(registry, "blixard.store.term", "The current Raft term", ClusterStatus::term),
                new Field(registry, "blixard.store.commit.index", "The highest log index known to be committed",
                        ClusterStatus::commitIndex),
                new Field(registry, "blixard.store.applied.index", "The highest log index applied to this node's replica",
                        ClusterStatus::appliedIndex),
                new Field(registry, "blixard.store.members", "Members of the Raft group", s -> s.members().size()));
    }

    /** Sets the gauges from the cluster status, read at most once per time to live. */
    void refresh() {
        ClusterStatus current = status.get().orElse(null);
        for (Field field : fields) {
            field.gauge.register(current == null ? List.of()
                    : List.of(MultiGauge.Row.of(Tags.empty(), field.value.applyAsDouble(current))), true);
        }
    }

    /** One gauge without labels, absent while there is no status. */
    private static final class Field {
        private final MultiGauge gauge;
        private final ToDoubleFunction<ClusterStatus> value;

        Field(MeterRegistry registry, String name, String description, ToDoubleFunction<ClusterStatus> value) {
            this.gauge = MultiGauge.builder(name).description(description).register(registry);
            this.value = value;
        }
    }
}
