package dev.blixard.http.metrics;

import dev.blixard.api.Health;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.HealthService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.http.fakes.FakeClusterService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A node's query, cluster and health services with fixed answers, counting the reads of the stats. */
final class FakeNode {
    final AtomicInteger statsReads = new AtomicInteger();
    volatile QueueStats stats = new QueueStats(Map.of(JobStatus.PENDING, 3L, JobStatus.COMPLETED, 7L),
            Map.of("mock", Map.of(JobStatus.PENDING, 2L), QueueStats.ANY_WORKER_TYPE, Map.of(JobStatus.PENDING, 1L)),
            Duration.ofSeconds(4), List.of(), Instant.EPOCH);
    volatile ClusterStatus status = new ClusterStatus("n1", "LEADER", "n1", 3, 42, 41,
            List.of(new ClusterStatus.ClusterMember("n1", "127.0.0.1:1", true)));
    volatile Map<String, Health> components = Map.of("store", Health.up("ok"), "backend:mock", Health.up("ok"),
            "backend:vm", Health.degraded("no kvm"), "backend:wasm", Health.down("no engine"));

    JobQueryService queries() {
        return (JobQueryService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JobQueryService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("stats")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    statsReads.incrementAndGet();
                    return stats;
                });
    }

    ClusterService cluster() {
        return new FakeClusterService(status);
    }

    HealthService health() {
        return new HealthService() {
            @Override
            public Map<String, Health> components() {
                return components;
            }

            @Override
            public Health overall() {
                return Health.up("ok");
            }
        };
    }
}
