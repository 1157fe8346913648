package dev.blixard.integration.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client submitting mock jobs to a cluster in batches, the way a careful client does through a failover:
 * each job carries an idempotency key, a batch that fails (node gone, no leader, timeout) is sent again to the
 * next live node, and only a 200 or 201 counts as acknowledged. It records the id of every acknowledged job,
 * so a test can check that none is lost.
 */
final class JobLoad implements Runnable {
    private final TestCluster cluster;
    private final String runId;
    private final int total;
    private final int batchSize;
    private final long jobMillis;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger failedCalls = new AtomicInteger();
    private volatile Throwable crash;

    /**
     * @param runId a prefix for the idempotency keys, unique per load
     * @param total how many jobs to submit
     * @param batchSize jobs per request
     * @param jobMillis how long each mock job runs; 0 for the backend's configured latency
     */
    JobLoad(TestCluster cluster, String runId, int total, int batchSize, long jobMillis) {
        this.cluster = cluster;
        this.runId = runId;
        this.total = total;
        this.batchSize = batchSize;
        this.jobMillis = jobMillis;
    }

    @Override
    public void run() {
        try {
            int next = 0;
            int rotation = 0;
            while (next < total && !Thread.currentThread().isInterrupted()) {
                int end = Math.min(total, next + batchSize);
                List<BlixardNode> live = cluster.live();
                BlixardNode target = live.get(rotation++ % live.size());
                if (send(target.api(), next, end)) {
                    next = end;
                } else {
                    failedCalls.incrementAndGet();
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            crash = e;
        }
    }

    private boolean send(NodeApi api, int from, int to) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> payload = jobMillis > 0 ? Map.of("outcome", "success", "n", i, "duration_ms", jobMillis)
                    : Map.of("outcome", "success", "n", i);
            jobs.add(Map.of("payload", payload, "worker_types", List.of("mock"), "idempotency_key", key(i)));
        }
        HttpResponse<String> response;
        try {
            response = api.send("POST", "/api/queue/publish/batch", NodeApi.write(Map.of("jobs", jobs)));
        } catch (RuntimeException unreachable) {
            return false;
        }
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            return false;
        }
        JsonNode ids = NodeApi.read(response.body()).path("job_ids");
        for (int i = from; i < to; i++) {
            acknowledged.put(key(i), ids.get(i - from).asText());
        }
        return true;
    }

    private String key(int i) {
        return runId + "-" + i;
    }

    /** @return idempotency key to job id of every acknowledged job so far */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** @return requests that failed and were sent again */
    int failedCalls() {
        return failedCalls.get();
    }

    /** Fails if the load itself broke (not a refused request: those are retried). */
    void rethrow() {
        if (crash != null) {
            throw new AssertionError("the job load failed", crash);
        }
    }
}
